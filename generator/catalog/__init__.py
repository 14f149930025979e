"""Reading the catalog: YAML with positions, the schema, the vocabulary, the loader and its rules."""
