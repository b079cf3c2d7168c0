#include "version_needs.h"

#include <stdexcept>

namespace compat {

VersionNeed FindVersionNeed(ElfFile& file, const std::string& library, const std::string& version) {
  const auto* needs = file.SectionOfType(SHT_GNU_verneed);
  if (needs == nullptr) throw std::runtime_error("no symbol-version requirements (.gnu.version_r)");
  const auto& strings = file.Section(needs->sh_link);
  uint64_t offset = needs->sh_offset;
  for (uint64_t n = 0; n < needs->sh_info; ++n) {
    const auto* need = file.At<Elf64_Verneed>(offset);
    if (file.StringAt(strings, need->vn_file) == library) {
      uint64_t auxOffset = offset + need->vn_aux;
      for (uint16_t a = 0; a < need->vn_cnt; ++a) {
        auto* aux = file.At<Elf64_Vernaux>(auxOffset);
        if (file.StringAt(strings, aux->vna_name) == version) return {aux, aux->vna_other};
        if (aux->vna_next == 0) break;
        auxOffset += aux->vna_next;
      }
    }
    if (need->vn_next == 0) break;
    offset += need->vn_next;
  }
  throw std::runtime_error("no requirement of " + version + " from " + library);
}

std::vector<std::string> RelocatedSymbols(const ElfFile& file, uint16_t versionIndex) {
  const auto* symbols = file.SectionOfType(SHT_DYNSYM);
  const auto* versions = file.SectionOfType(SHT_GNU_versym);
  if (symbols == nullptr || versions == nullptr) throw std::runtime_error("no dynamic symbols or symbol versions");
  const auto& names = file.Section(symbols->sh_link);
  std::vector<std::string> bound;
  for (size_t s = 0; s < file.SectionCount(); ++s) {
    const auto* relocations = &file.Section(s);
    if (relocations->sh_type == SHT_REL) throw std::runtime_error("REL relocations are not expected on x86-64");
    if (relocations->sh_type != SHT_RELA || relocations->sh_link != file.IndexOf(symbols)) continue;
    for (uint64_t r = 0; r < relocations->sh_size / sizeof(Elf64_Rela); ++r) {
      const auto* rela = file.At<Elf64_Rela>(relocations->sh_offset + r * sizeof(Elf64_Rela));
      const auto symbol = ELF64_R_SYM(rela->r_info);
      if (symbol == 0) continue;
      const auto version = *file.At<Elf64_Half>(versions->sh_offset + symbol * sizeof(Elf64_Half)) & 0x7fff;
      if (version != versionIndex) continue;
      const auto* sym = file.At<Elf64_Sym>(symbols->sh_offset + symbol * sizeof(Elf64_Sym));
      bound.push_back(file.StringAt(names, sym->st_name));
    }
  }
  return bound;
}

void Weaken(VersionNeed need) { need.entry->vna_flags |= VER_FLG_WEAK; }

}  // namespace compat
