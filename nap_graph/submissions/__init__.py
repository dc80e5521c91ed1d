"""Receiving submissions: reading every input format into one model, turning it into RDF,
validating it and reporting problems in the sender's terms."""
