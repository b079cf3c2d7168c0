// A 64-bit little-endian ELF shared object read into memory, with typed views of its sections.
#pragma once

#include <elf.h>

#include <cstdint>
#include <string>
#include <vector>

namespace compat {

class ElfFile {
 public:
  // Throws std::runtime_error when the file cannot be read or is not an ELF64 x86-64 object.
  static ElfFile Read(const std::string& path);
  // Writes the (possibly edited) bytes to path; throws on failure.
  void Write(const std::string& path) const;

  // The first section of the given type, or nullptr.
  const Elf64_Shdr* SectionOfType(uint32_t type) const;
  const Elf64_Shdr& Section(size_t index) const;
  size_t SectionCount() const { return sections_.size(); }
  size_t IndexOf(const Elf64_Shdr* section) const { return static_cast<size_t>(section - sections_.data()); }
  // A NUL-terminated string at offset in the string table section strtab.
  std::string StringAt(const Elf64_Shdr& strtab, uint64_t offset) const;

  template <typename T>
  T* At(uint64_t offset) {
    Check(offset, sizeof(T));
    return reinterpret_cast<T*>(bytes_.data() + offset);
  }
  template <typename T>
  const T* At(uint64_t offset) const {
    Check(offset, sizeof(T));
    return reinterpret_cast<const T*>(bytes_.data() + offset);
  }

 private:
  void Check(uint64_t offset, uint64_t size) const;
  std::vector<unsigned char> bytes_;
  std::vector<Elf64_Shdr> sections_;
};

}  // namespace compat
