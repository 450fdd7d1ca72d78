"""Reliability tooling: the corruption suite that attacks every reader with drifted inputs."""
