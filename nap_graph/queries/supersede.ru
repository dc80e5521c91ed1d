# Make ?new the current version of ?history; the version it replaces gets
# prov:invalidatedAtTime ?now and ?new prov:wasRevisionOf it. Runs in the same update as the
# INSERT DATA of the new version, under the store's write lock (nap_graph.ingest). A version
# never replaces itself. (?provenance, ?history, ?new, ?now bound)
DELETE { GRAPH ?provenance { ?history wps:currentVersion ?old } }
INSERT { GRAPH ?provenance { ?old prov:invalidatedAtTime ?now . ?new prov:wasRevisionOf ?old } }
WHERE {
  GRAPH ?provenance { ?history wps:currentVersion ?old }
  FILTER (?old != ?new)
}
