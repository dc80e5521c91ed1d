# The versions of the submission history ?oldHistory become versions of ?newHistory, and
# ?oldHistory is replaced by it; its current version is set again by the caller.
# (?provenance, ?oldHistory, ?newHistory bound)
DELETE { GRAPH ?provenance { ?oldHistory dcterms:hasVersion ?v } }
INSERT { GRAPH ?provenance { ?newHistory a wps:SubmissionHistory ; dcterms:hasVersion ?v } }
WHERE { GRAPH ?provenance { ?oldHistory dcterms:hasVersion ?v } } ;
DELETE { GRAPH ?provenance { ?oldHistory wps:currentVersion ?v } }
INSERT { GRAPH ?provenance { ?oldHistory dcterms:isReplacedBy ?newHistory } }
WHERE { OPTIONAL { GRAPH ?provenance { ?oldHistory wps:currentVersion ?v } } }
