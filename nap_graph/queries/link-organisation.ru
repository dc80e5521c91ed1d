# A coordinator links a submitted organisation ?old to a known one ?new (nap_graph.
# organisation_links): every statement naming ?old names ?new instead (in every graph but the
# links graph), ?old's own description is dropped and its name kept as a hidden label of ?new,
# and the links graph records the link (?link) with who made it and when.
# (?old, ?new, ?links, ?link, ?now, ?by (an agent), ?byName bound)
INSERT { GRAPH ?links { ?new skos:hiddenLabel ?label } }
WHERE { GRAPH ?g { ?old skos:prefLabel|skos:altLabel ?label } FILTER (?g != ?links) } ;
DELETE { GRAPH ?g { ?s ?p ?old } } INSERT { GRAPH ?g { ?s ?p ?new } }
WHERE { GRAPH ?g { ?s ?p ?old } FILTER (?g != ?links) } ;
DELETE { GRAPH ?g { ?old ?p ?o } }
WHERE { GRAPH ?g { ?old ?p ?o } FILTER (?g != ?links) } ;
INSERT {
  GRAPH ?links {
    ?old dcterms:isReplacedBy ?new .
    ?link a wps:OrganisationLink , prov:Activity ;
      prov:used ?old ; wps:linkedTo ?new ; prov:endedAtTime ?now ; prov:wasAssociatedWith ?by .
    ?by a prov:Agent ; foaf:name ?byName .
  }
} WHERE { }
