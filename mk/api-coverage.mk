# SPDX-License-Identifier: MIT
# api-coverage: docs/api-coverage.md must match what libringzero declares
# and exports (scripts/api-coverage.sh says how); part of `make check`.
# It compiles probes as C and as C++, and so does test/header-includes.sh.
DEPS_PACKAGES += g++

.PHONY: api-coverage
api-coverage: lib
	scripts/api-coverage.sh $(O)

CHECK_EXTRA += api-coverage
