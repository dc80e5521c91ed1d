# ?version becomes the current version of ?history; ?superseded (when bound) gets
# prov:invalidatedAtTime ?now and ?version prov:wasRevisionOf it.
# (?provenance, ?history, ?version, ?superseded, ?now bound; ?superseded may be UNDEF)
DELETE { GRAPH ?provenance { ?history wps:currentVersion ?any } }
WHERE { GRAPH ?provenance { ?history wps:currentVersion ?any } } ;
INSERT { GRAPH ?provenance { ?history wps:currentVersion ?version } } WHERE { } ;
INSERT { GRAPH ?provenance { ?superseded prov:invalidatedAtTime ?now . ?version prov:wasRevisionOf ?superseded } }
WHERE { FILTER (BOUND(?superseded)) }
