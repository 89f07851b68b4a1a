# Inkwell: the two set-up commands and the longer runs. See README.md.
.PHONY: run test deps build bench load fuzz soak package format translations screenshots clean

JOBS ?= $(shell nproc)

run: deps
	bash scripts/run.sh

test:
	bash scripts/test.sh

deps:
	bash scripts/deps.sh

build: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

bench: deps
	bash scripts/bench.sh

load: deps
	cmake --preset bench >/dev/null
	cmake --build --preset bench -j $(JOBS) --target bench_server attack_server
	scripts/test-env.sh build/bench/tests/bench/bench_server --load-only --seconds $${LOAD_SECONDS:-300} $${LOAD_ARGS:-}
	INKWELL_ATTACK_FULL=1 scripts/test-env.sh build/bench/tests/bench/attack_server

fuzz: deps
	bash scripts/fuzz.sh $${FUZZ_SECONDS:-600}

soak: deps
	bash scripts/soak.sh $${SOAK_SECONDS:-900}

package: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)
	cd build/release && cpack -G DEB
	bash tests/e2e/packaging/check_packages.sh --debs build/release

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i

# lupdate, then the German texts and the English plural forms (each fails naming any text
# without one), then lupdate again so the files keep lupdate's own layout.
translations: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev --target update_translations
	python3 translations/fill_de.py
	python3 translations/fill_en.py
	cmake --build --preset dev --target update_translations

screenshots: deps
	bash scripts/screenshots.sh

clean:
	rm -rf build
