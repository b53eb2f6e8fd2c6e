# SPDX-License-Identifier: MIT
# Man pages: man/*.1 (the ringzero command and its subcommands), man/*.3
# (functions ringzero adds beyond liburing's API), man/*.7 (the library).
# `make install` installs them under $(MANDIR)/manN through install-man;
# test/man.sh renders each with man-db and groff, hence the packages.

MAN_PAGES := $(sort $(wildcard man/*.[1-8]))
DEPS_PACKAGES += man-db groff-base

.PHONY: install-man uninstall-man

install: install-man
uninstall: uninstall-man

install-man:
	@for page in $(MAN_PAGES); do \
		dir="$(DESTDIR)$(MANDIR)/man$${page##*.}"; \
		install -d "$$dir" && install -m 644 "$$page" "$$dir/" || exit 1; \
	done

uninstall-man:
	@for page in $(MAN_PAGES); do \
		rm -f "$(DESTDIR)$(MANDIR)/man$${page##*.}/$${page##*/}"; \
	done
