// libtorchsharp-compat: lets TorchSharp 0.107's libLibTorchSharp.so load on a system whose libstdc++
// predates GCC 13.
//
//   libtorchsharp-compat check         prints "needed" if this system's libstdc++ lacks GLIBCXX_3.4.32,
//                                      else "not-needed"
//   libtorchsharp-compat patch IN OUT  writes IN to OUT with its GLIBCXX_3.4.32 requirement marked weak;
//                                      refuses (exit 1) if any relocation binds a symbol of that version
//
// Only one symbol of libLibTorchSharp.so carries that version, std::ios_base_library_init(), and GCC
// 13 emits it as a bare `.globl` marker with no relocation: the loader never looks it up, so only the
// version check stands in the way. A weak requirement that is missing is not an error to glibc.
#include <dlfcn.h>

#include <cstdio>
#include <exception>
#include <string>

#include "elf_file.h"
#include "version_needs.h"

namespace {

constexpr const char* kLibrary = "libstdc++.so.6";
constexpr const char* kVersion = "GLIBCXX_3.4.32";
constexpr const char* kMarkerSymbol = "_ZSt21ios_base_library_initv";  // std::ios_base_library_init()

bool SystemHasVersion() { return dlvsym(RTLD_DEFAULT, kMarkerSymbol, kVersion) != nullptr; }

int Patch(const std::string& input, const std::string& output) {
  auto file = compat::ElfFile::Read(input);
  const auto need = compat::FindVersionNeed(file, kLibrary, kVersion);
  const auto bound = compat::RelocatedSymbols(file, need.index);
  if (!bound.empty()) {
    std::fprintf(stderr, "libtorchsharp-compat: %s binds %s@%s; it needs a libstdc++ from GCC 13 or later\n",
                 input.c_str(), bound.front().c_str(), kVersion);
    return 1;
  }
  compat::Weaken(need);
  file.Write(output);
  std::printf("libtorchsharp-compat: wrote %s with %s from %s marked weak\n", output.c_str(), kVersion, kLibrary);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string command = argc > 1 ? argv[1] : "";
    if (command == "check" && argc == 2) {
      std::puts(SystemHasVersion() ? "not-needed" : "needed");
      return 0;
    }
    if (command == "patch" && argc == 4) return Patch(argv[2], argv[3]);
    std::fprintf(stderr, "usage: libtorchsharp-compat check | patch IN OUT\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "libtorchsharp-compat: %s\n", e.what());
    return 1;
  }
}
