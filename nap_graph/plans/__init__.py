"""Other countries' plans: a template anyone can fill in (CSV or JSON), read into one model,
turned into RDF in the ontology's terms, checked with the shapes and loaded into a named
graph of its own."""
