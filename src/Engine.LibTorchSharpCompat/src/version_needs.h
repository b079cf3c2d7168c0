// Symbol-version requirements (.gnu.version_r) of an ELF shared object.
#pragma once

#include <string>
#include <vector>

#include "elf_file.h"

namespace compat {

struct VersionNeed {
  Elf64_Vernaux* entry;  // points into the ElfFile's bytes
  uint16_t index;        // the value .gnu.version gives symbols that carry this version
};

// The requirement of `version` from `library` (e.g. GLIBCXX_3.4.32 from libstdc++.so.6); throws if absent.
VersionNeed FindVersionNeed(ElfFile& file, const std::string& library, const std::string& version);

// Names of the dynamic symbols of that version that a relocation binds. The loader resolves only
// those; a symbol listed without relocations (GCC 13's `.globl std::ios_base_library_init()` marker
// in every file including <iostream>) is never looked up.
std::vector<std::string> RelocatedSymbols(const ElfFile& file, uint16_t versionIndex);

// Marks the requirement weak: glibc's loader then accepts a library that lacks the version.
void Weaken(VersionNeed need);

}  // namespace compat
