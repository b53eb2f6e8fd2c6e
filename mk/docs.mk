# SPDX-License-Identifier: MIT
# The guided tour (docs/tour/, a chapter per file) quotes examples/*.c and
# shows what commands print. After editing an example, `make tour-sync`
# rewrites the listings; `make tour-transcripts` runs the commands of every
# transcript again and shows where their output differs from the tour.
# test/tour.sh fails while either differs.

# Chapter 4 talks to the echo server with nc (the OpenBSD netcat's -q).
DEPS_PACKAGES += netcat-openbsd

.PHONY: tour-sync tour-transcripts

tour-sync:
	scripts/tour-sync.sh

tour-transcripts: all
	RZ_BUILD=$(abspath $(O)) scripts/tour-transcripts.sh
