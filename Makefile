# The README's two commands: `make run` (the main job) and `make test` (the tests).
# Each installs what it needs first, so either works first on a fresh machine.

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup run test

# GSL 2.7 from Debian's libgsl-dev, found through pkg-config.
setup:
	@pkg-config --exists gsl || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libgsl-dev pkg-config; }

# `goodhart compare` on the built-in preset cheap-persuasion.
run: setup
	swift run goodhart compare

test: setup
	swift test -c release -Xswiftc -enable-testing
