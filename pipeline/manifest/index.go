package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
)

// index is a Store's skip index: for every edition, what Prev tells and
// where its record lies, in a fixed-size slot (48 bytes), plus its path
// once in an arena (shared by the locales of one file when they arrive
// together) and 4 bytes of hash table, about 60 bytes an edition in all
// (BenchmarkIndex). Profiles and locales are interned: a slot holds their
// number.
type index struct {
	seed   maphash.Seed
	table  []uint32 // open addressing, linear probing: slot number + 1, 0 free
	chunks [][]slot // slotChunk slots each: growing never copies them
	n      int

	arena  [][]byte // chunks of arenaChunk bytes holding paths
	recent [4]pathRef

	names    []string
	nameIDs  map[string]uint16
	maxNames int               // ids below it are interned; noName beyond
	extra    map[uint64]string // slot<<1 | (1 for the locale) -> name, when interning is full
}

// slot is one edition in the index.
type slot struct {
	src, out, output uint64 // Prev's hashes
	off              uint64 // record offset << 16 | locale id
	path             uint32 // offset of the path in the arena
	n                uint32 // record length
	segs             uint32 // segments << 2 | failed | in journal << 1
	pathLen          uint16
	profile          uint16 // profile id
}

type pathRef struct {
	off uint32
	n   uint16
	ok  bool
}

const (
	slotChunk  = 4096
	arenaChunk = 1 << 20
	maxArena   = 1 << 32
	noName     = 1<<16 - 1
	maxOffset  = 1<<48 - 1
	maxSegs    = 1<<30 - 1
)

// ErrIndexFull is returned when the skip index cannot hold an edition: a
// path over 64 KB, a record past 256 TB, or over 4 GB of paths.
var ErrIndexFull = errors.New("manifest: skip index full")

func newIndex() *index {
	return &index{seed: maphash.MakeSeed(), nameIDs: map[string]uint16{}, maxNames: noName}
}

func (x *index) at(i uint32) *slot { return &x.chunks[i/slotChunk][i%slotChunk] }

func (x *index) hash(path, locale string) uint64 {
	var h maphash.Hash
	h.SetSeed(x.seed)
	h.WriteString(path)
	h.WriteByte(0)
	h.WriteString(locale)
	return h.Sum64()
}

func (x *index) pathOf(s *slot) []byte { return x.arenaBytes(s.path, s.pathLen) }

// arenaBytes returns the n bytes at offset off of the arena.
func (x *index) arenaBytes(off uint32, n uint16) []byte {
	c := x.arena[off/arenaChunk]
	o := off % arenaChunk
	return c[o : o+uint32(n)]
}

// extraKey is the key in extra of the locale or profile of slot i.
func extraKey(i uint32, locale bool) uint64 {
	k := uint64(i) << 1
	if locale {
		k |= 1
	}
	return k
}

func (x *index) name(id uint16, i uint32, locale bool) string {
	if id != noName {
		return x.names[id]
	}
	return x.extra[extraKey(i, locale)]
}

func (x *index) localeOf(i uint32) string {
	s := x.at(i)
	return x.name(uint16(s.off&0xffff), i, true)
}

func (x *index) profileOf(i uint32) string {
	return x.name(x.at(i).profile, i, false)
}

// find returns the slot number of path in locale.
func (x *index) find(path, locale string) (uint32, bool) {
	if x.n == 0 {
		return 0, false
	}
	mask := uint64(len(x.table) - 1)
	for p := x.hash(path, locale) & mask; ; p = (p + 1) & mask {
		v := x.table[p]
		if v == 0 {
			return 0, false
		}
		i := v - 1
		s := x.at(i)
		if int(s.pathLen) == len(path) && string(x.pathOf(s)) == path && x.localeOf(i) == locale {
			return i, true
		}
	}
}

// intern returns the id of v, or noName (then v is kept in extra).
func (x *index) intern(v string) uint16 {
	if id, ok := x.nameIDs[v]; ok {
		return id
	}
	if len(x.names) >= x.maxNames {
		return noName
	}
	id := uint16(len(x.names))
	x.names = append(x.names, v)
	x.nameIDs[v] = id
	return id
}

func (x *index) setName(i uint32, locale bool, v string) uint16 {
	k := extraKey(i, locale)
	id := x.intern(v)
	if id == noName {
		if x.extra == nil {
			x.extra = map[uint64]string{}
		}
		x.extra[k] = v
	} else if x.extra != nil {
		delete(x.extra, k)
	}
	return id
}

// addPath stores path in the arena, or finds it among the last few stored.
func (x *index) addPath(path string) (uint32, error) {
	for _, r := range x.recent {
		if r.ok && int(r.n) == len(path) && string(x.arenaBytes(r.off, r.n)) == path {
			return r.off, nil
		}
	}
	if len(path) > 1<<16-1 {
		return 0, fmt.Errorf("%w: a path of %d bytes", ErrIndexFull, len(path))
	}
	if len(x.arena) == 0 || len(x.arena[len(x.arena)-1])+len(path) > arenaChunk {
		if uint64(len(x.arena)+1)*arenaChunk > maxArena {
			return 0, fmt.Errorf("%w: over %d bytes of paths", ErrIndexFull, maxArena)
		}
		x.arena = append(x.arena, make([]byte, 0, min(arenaChunk, max(4096, 2*len(path)))))
	}
	last := len(x.arena) - 1
	c := x.arena[last]
	if cap(c)-len(c) < len(path) { // a small first chunk grows up to arenaChunk
		c = slices.Grow(c, min(arenaChunk, 2*cap(c)+len(path))-len(c))
	}
	off := uint32(last)*arenaChunk + uint32(len(c))
	x.arena[last] = append(c, path...)
	copy(x.recent[1:], x.recent[:len(x.recent)-1])
	x.recent[0] = pathRef{off: off, n: uint16(len(path)), ok: true}
	return off, nil
}

// set records the edition of path in locale (replacing what was there).
func (x *index) set(path, locale string, p Prev, loc location) error {
	if loc.off < 0 || loc.off > maxOffset {
		return fmt.Errorf("%w: a record at offset %d", ErrIndexFull, loc.off)
	}
	i, ok := x.find(path, locale)
	if !ok {
		off, err := x.addPath(path)
		if err != nil {
			return err
		}
		if (x.n+1)*4 > len(x.table)*3 {
			x.grow()
		}
		if x.n%slotChunk == 0 && x.n/slotChunk == len(x.chunks) {
			x.chunks = append(x.chunks, make([]slot, slotChunk))
		}
		i = uint32(x.n)
		x.n++
		s := x.at(i)
		*s = slot{path: off, pathLen: uint16(len(path))}
		s.off = uint64(x.setName(i, true, locale))
		x.insert(i, x.hash(path, locale))
	}
	s := x.at(i)
	s.src, s.out, s.output = p.src, p.out, p.output
	s.profile = x.setName(i, false, p.profile)
	segs := uint32(min(max(p.Segments, 0), maxSegs)) << 2
	if p.Failed {
		segs |= 1
	}
	s.segs = segs
	x.setLoc(i, loc)
	return nil
}

func (x *index) setLoc(i uint32, loc location) {
	s := x.at(i)
	s.off = uint64(loc.off)<<16 | s.off&0xffff
	s.n = uint32(loc.n)
	s.segs &^= 2
	if loc.journal {
		s.segs |= 2
	}
}

func (x *index) insert(i uint32, h uint64) {
	mask := uint64(len(x.table) - 1)
	p := h & mask
	for x.table[p] != 0 {
		p = (p + 1) & mask
	}
	x.table[p] = i + 1
}

func (x *index) grow() {
	n := max(64, 2*len(x.table))
	x.table = make([]uint32, n)
	for i := range uint32(x.n) {
		x.insert(i, x.hash(string(x.pathOf(x.at(i))), x.localeOf(i)))
	}
}

func (x *index) prev(i uint32) Prev {
	s := x.at(i)
	return Prev{src: s.src, out: s.out, output: s.output, profile: x.profileOf(i),
		Segments: int(s.segs >> 2), Failed: s.segs&1 != 0}
}

func (x *index) loc(i uint32) location {
	s := x.at(i)
	return location{off: int64(s.off >> 16), n: int32(s.n), journal: s.segs&2 != 0}
}

// sorted returns the slot numbers in the order of the editions' keys
// (path, then locale).
func (x *index) sorted() []uint32 {
	order := make([]uint32, x.n)
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int {
		if c := bytes.Compare(x.pathOf(x.at(a)), x.pathOf(x.at(b))); c != 0 {
			return c
		}
		return strings.Compare(x.localeOf(a), x.localeOf(b))
	})
	return order
}

// key is the edition key (Edition.Key) of slot i, for messages.
func (x *index) key(i uint32) string {
	return string(x.pathOf(x.at(i))) + "\x00" + x.localeOf(i)
}
