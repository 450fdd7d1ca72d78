"""The chart report: a registry of topic sections, and the builder that lays them out."""
