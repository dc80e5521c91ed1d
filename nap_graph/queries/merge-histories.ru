# The versions of the submission history ?oldHistory become versions of ?newHistory, and
# ?oldHistory is replaced by it; its current version is set again by the caller.
# (?provenance, ?oldHistory, ?newHistory bound by the VALUES row)
DELETE { GRAPH ?provenance { ?oldHistory dcterms:hasVersion ?v } }
INSERT { GRAPH ?provenance { ?newHistory a wps:SubmissionHistory ; dcterms:hasVersion ?v } }
WHERE { #VALUES# GRAPH ?provenance { ?oldHistory dcterms:hasVersion ?v } } ;
DELETE { GRAPH ?provenance { ?oldHistory wps:currentVersion ?v } }
INSERT { GRAPH ?provenance { ?oldHistory dcterms:isReplacedBy ?newHistory } }
WHERE { #VALUES# OPTIONAL { GRAPH ?provenance { ?oldHistory wps:currentVersion ?v } } }
