#include "elf_file.h"

#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace compat {

ElfFile ElfFile::Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  ElfFile file;
  file.bytes_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) throw std::runtime_error("cannot read " + path);
  const auto* header = file.At<Elf64_Ehdr>(0);
  if (std::memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 || header->e_ident[EI_CLASS] != ELFCLASS64 ||
      header->e_ident[EI_DATA] != ELFDATA2LSB || header->e_machine != EM_X86_64)
    throw std::runtime_error(path + " is not a 64-bit little-endian x86-64 ELF file");
  if (header->e_shentsize != sizeof(Elf64_Shdr)) throw std::runtime_error(path + ": unexpected section header size");
  for (uint16_t i = 0; i < header->e_shnum; ++i)
    file.sections_.push_back(*file.At<Elf64_Shdr>(header->e_shoff + i * sizeof(Elf64_Shdr)));
  return file;
}

void ElfFile::Write(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes_.data()), static_cast<std::streamsize>(bytes_.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
}

const Elf64_Shdr* ElfFile::SectionOfType(uint32_t type) const {
  for (const auto& section : sections_)
    if (section.sh_type == type) return &section;
  return nullptr;
}

const Elf64_Shdr& ElfFile::Section(size_t index) const {
  if (index >= sections_.size()) throw std::runtime_error("section index out of range");
  return sections_[index];
}

std::string ElfFile::StringAt(const Elf64_Shdr& strtab, uint64_t offset) const {
  if (offset >= strtab.sh_size) throw std::runtime_error("string offset out of range");
  const auto start = strtab.sh_offset + offset;
  Check(start, 1);
  const auto* text = reinterpret_cast<const char*>(bytes_.data() + start);
  return std::string(text, strnlen(text, bytes_.size() - start));
}

void ElfFile::Check(uint64_t offset, uint64_t size) const {
  if (offset > bytes_.size() || size > bytes_.size() - offset) throw std::runtime_error("ELF structure out of bounds");
}

}  // namespace compat
