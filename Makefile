# The two commands: `make run` and `make test`. Both install what is missing first.
BUILD    ?= build
DATA     ?= data
LISTEN   ?= 127.0.0.1:8080
BUILDTYPE ?= RelWithDebInfo
CONGTIN  := $(BUILD)/src/cli/congtin

.PHONY: all setup setup-test build run test clean

all: build

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILDTYPE)

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD)

# First run creates ./data with the demo site; later runs reuse it.
run: build
	@if [ ! -f $(DATA)/congtin.db ]; then $(CONGTIN) init --data $(DATA) --demo; fi
	$(CONGTIN) serve --data $(DATA) --listen $(LISTEN)

test: setup-test $(BUILD)/build.ninja
	cmake --build $(BUILD)
	cd $(BUILD) && ctest --output-on-failure --timeout 600 -j2

clean:
	rm -rf $(BUILD)
