"""Constants shared by the test helpers."""

from __future__ import annotations

TEST_ADMIN_PASSWORD = "Test-Passw0rd"
