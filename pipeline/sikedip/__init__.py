"""Sikedip: the push contract (schema/sikedip.openapi.yaml), the reconciling client and the
reference receiver (DESIGN §5)."""
