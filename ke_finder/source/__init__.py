"""Data in: read YAML with positions, check it against JSON Schemas and rules, build the model."""
