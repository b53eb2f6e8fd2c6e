# SPDX-License-Identifier: MIT
# The guided tour (docs/tour/) quotes examples/*.c. After editing an
# example, `make tour-sync` rewrites the listings; test/tour.sh fails
# while they differ.

.PHONY: tour-sync

tour-sync:
	scripts/tour-sync.sh
