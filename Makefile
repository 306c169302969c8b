# The README's two commands: `make run` (the main job) and `make test` (the tests).
# Each installs what it needs first, so either works first on a fresh machine.

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup run test explore test-explorer

# GSL 2.7 from Debian's libgsl-dev, found through pkg-config.
setup:
	@pkg-config --exists gsl || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libgsl-dev pkg-config; }

# `goodhart compare` on the built-in preset cheap-persuasion.
run: setup
	swift run goodhart compare

test: setup
	swift test -c release -Xswiftc -enable-testing

# The interactive explorer on http://127.0.0.1:8765/ (goodhart explore; Ctrl-C stops), built
# optimised with the flags of `make test`, so the two share one build.
explore: setup
	swift run -c release -Xswiftc -enable-testing goodhart explore

# The explorer in a real browser (chromium, chromedriver and Selenium must be installed, as
# .ci/run does) and under load (1000 requests, 50 clients), against the binary `make test` built
# (the same build command, so after `make test` it builds nothing).
test-explorer: setup
	swift build -c release -Xswiftc -enable-testing --build-tests
	python3 Tests/Explorer/browser_test.py .build/release/goodhart
	python3 Tests/Explorer/load_test.py .build/release/goodhart
