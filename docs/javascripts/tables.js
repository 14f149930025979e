// Make the category tables sortable (tablesort, vendored). `document$` fires on every page load,
// including instant navigation, so each new page's tables are wired up.
document$.subscribe(function () {
  document.querySelectorAll("table.atlas-sortable").forEach(function (table) {
    if (!table.dataset.sortable) {
      new Tablesort(table);
      table.dataset.sortable = "yes";
    }
  });
});
