#!/usr/bin/env bash
# Builds the libFuzzer target for the JSON body reader and the router
# (bench/fuzz/json_router_fuzz.cpp) with clang, ASan and UBSan, into
# build-fuzz/json_router_fuzz. Installs Debian's clang and its runtime
# (libFuzzer) when missing. Not part of scripts/test.sh.
#
#   bash bench/fuzz/build_libfuzzer.sh
#   build-fuzz/json_router_fuzz -max_total_time=60 -max_len=4096 build-fuzz/corpus bench/fuzz/corpus
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "installing clang and libclang-rt-dev (libFuzzer)"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends clang libclang-rt-14-dev
fi

out=build-fuzz
mkdir -p "$out/obj" "$out/corpus"
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
       -Isrc -DPATRONAGE_OPENAPI_PATH="\"$PWD/src/http/openapi.json\"")
sources=(src/http/json_input.cpp src/http/router.cpp src/util/error.cpp bench/fuzz/json_router_fuzz.cpp)
objects=()
for source in "${sources[@]}"; do
  object="$out/obj/$(basename "${source%.cpp}").o"
  if [[ ! -f $object || $source -nt $object ]]; then
    echo "clang++ $source"
    clang++ "${flags[@]}" -c "$source" -o "$object"
  fi
  objects+=("$object")
done
clang++ -fsanitize=fuzzer,address,undefined "${objects[@]}" -lboost_json -o "$out/json_router_fuzz"
echo "built $out/json_router_fuzz"
