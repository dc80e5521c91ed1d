# Make ?version (an earlier version of ?history) current again: the current version ?old gets
# prov:invalidatedAtTime ?now, ?version loses its own, and the wps:Reversion ?reversion says
# who did it, when and which version was current before (prov:used). Nothing happens when
# ?version is the current version already. (?provenance, ?history, ?version, ?reversion, ?now,
# ?by (an agent), ?byName, ?org bound)
DELETE {
  GRAPH ?provenance { ?history wps:currentVersion ?old . ?version prov:invalidatedAtTime ?was }
}
INSERT {
  GRAPH ?provenance {
    ?history wps:currentVersion ?version ; prov:wasInfluencedBy ?reversion .
    ?old prov:invalidatedAtTime ?now .
    ?reversion a wps:Reversion ; wps:reverts ?version ; prov:used ?old ;
      prov:startedAtTime ?now ; prov:wasAssociatedWith ?org ; dcterms:creator ?by .
    ?by a prov:Agent ; foaf:name ?byName .
  }
}
WHERE {
  GRAPH ?provenance {
    ?history wps:currentVersion ?old ; dcterms:hasVersion ?version .
    OPTIONAL { ?version prov:invalidatedAtTime ?was }
  }
  FILTER (?old != ?version)
}
