// Make the category tables sortable (tablesort, vendored). Material's `document$` fires on every page load,
// including instant navigation, so each new page's tables are wired up.
(function () {
  "use strict";

  function wire() {
    document.querySelectorAll("table.atlas-sortable").forEach(function (table) {
      if (table.dataset.sortable) return;
      const sorter = new Tablesort(table);
      // A value the catalog does not know (a size not checked yet) sorts last whichever way the column is
      // sorted: tablesort only reverses, so the rows whose sorted cell is unknown move to the end after it.
      table.addEventListener("afterSort", function () {
        for (const body of table.tBodies) {
          const unknown = [...body.rows].filter((row) => row.cells[sorter.col] && row.cells[sorter.col].hasAttribute("data-unknown"));
          for (const row of unknown) body.appendChild(row);
        }
      });
      table.dataset.sortable = "yes";
    });
  }

  if (window.document$) window.document$.subscribe(wire);
  else document.addEventListener("DOMContentLoaded", wire);
})();
