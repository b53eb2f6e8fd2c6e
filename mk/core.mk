# SPDX-License-Identifier: MIT
# The library core's extra checks.
#   test/hello-writev.sh builds examples/hello-writev.c against liburing too,
#   so make deps installs Debian's liburing-dev.
#   make install-check   install into a scratch DESTDIR with PREFIX=/usr and
#                        check the result (scripts/check-install.sh); part
#                        of make check.

DEPS_PACKAGES += liburing-dev binutils

.PHONY: install-check
install-check: lib $(CLI)
	@d=$$(mktemp -d "$${TMPDIR:-/tmp}/rz-install.XXXXXX") && \
	$(MAKE) --no-print-directory install DESTDIR=$$d PREFIX=/usr \
		>/dev/null && \
	scripts/check-install.sh $$d /usr $(VERSION); \
	rc=$$?; rm -rf "$$d"; exit $$rc

CHECK_EXTRA += install-check
