# Remove one plan's own statements (and its period's) from a graph that describes other plans
# too, such as graph/plans/world, when an imported plan replaces them. (?plan ?graph bound)
DELETE { GRAPH ?graph { ?plan ?p ?o . ?period ?q ?v } }
WHERE {
  GRAPH ?graph {
    ?plan ?p ?o .
    OPTIONAL { ?plan dcterms:temporal ?period . FILTER isBlank(?period) ?period ?q ?v }
  }
}
