# SPDX-License-Identifier: MIT
# What the library core's tests need beyond the base packages:
# test/hello-writev.sh builds examples/hello-writev.c against liburing too
# (liburing-dev), test/exports.sh reads the shared library (binutils).
DEPS_PACKAGES += liburing-dev binutils
