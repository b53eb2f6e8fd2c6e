# SPDX-License-Identifier: MIT
# Debian packages the build and the tests need. Fragments append to
# DEPS_PACKAGES; `make deps` installs whatever is missing (as root).
DEPS_PACKAGES += gcc make libc6-dev pkg-config

.PHONY: deps
deps:
	scripts/install-deps.sh $(sort $(DEPS_PACKAGES))
