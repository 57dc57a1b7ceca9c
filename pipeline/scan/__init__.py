"""Inspecting attachments: active content, threats and personal data inside files."""
