#include "weights/pth_archive.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <unordered_map>

#include "util/error.h"
#include "util/files.h"

namespace kinora {

namespace {

uint64_t le(const uint8_t* p, int bytes) {
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

// ---- zip ---------------------------------------------------------------------------

struct ZipRecord {
    uint64_t dataOffset = 0;  // absolute offset of the stored bytes
    uint64_t size = 0;
};

class ZipIndex {
public:
    ZipIndex(const std::string& path, const uint8_t* map, uint64_t size)
        : m_path(path), m_map(map), m_size(size) {
        parse();
    }
    const std::map<std::string, ZipRecord>& records() const { return m_records; }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw Error(m_path + ": not a readable PyTorch archive: " + what, ErrorKind::ModelLoad);
    }
    const uint8_t* at(uint64_t offset, uint64_t bytes) const {
        if (offset > m_size || bytes > m_size - offset)
            fail("truncated (a record runs past the end)");
        return m_map + offset;
    }

    void parse() {
        if (m_size < 22) fail("too short for a zip file");
        // End of central directory: the last signature within the final 64 KiB + 22 bytes.
        uint64_t eocd = UINT64_MAX;
        const uint64_t lowest = m_size > 65557 ? m_size - 65557 : 0;
        for (uint64_t p = m_size - 22 + 1; p-- > lowest;) {
            if (le(m_map + p, 4) == 0x06054b50) {
                eocd = p;
                break;
            }
        }
        if (eocd == UINT64_MAX) fail("no zip end-of-directory record (truncated?)");
        uint64_t count = le(m_map + eocd + 10, 2);
        uint64_t cdSize = le(m_map + eocd + 12, 4);
        uint64_t cdOffset = le(m_map + eocd + 16, 4);
        if (count == 0xffff || cdSize == 0xffffffff || cdOffset == 0xffffffff) {
            if (eocd < 20 || le(m_map + eocd - 20, 4) != 0x07064b50) fail("ZIP64 locator missing");
            const uint64_t z64 = le(m_map + eocd - 20 + 8, 8);
            const uint8_t* r = at(z64, 56);
            if (le(r, 4) != 0x06064b50) fail("ZIP64 end-of-directory record missing");
            count = le(r + 32, 8);
            cdSize = le(r + 40, 8);
            cdOffset = le(r + 48, 8);
        }
        at(cdOffset, cdSize);
        uint64_t p = cdOffset;
        for (uint64_t i = 0; i < count; ++i) {
            const uint8_t* c = at(p, 46);
            if (le(c, 4) != 0x02014b50) fail("damaged central directory");
            const auto method = le(c + 10, 2);
            uint64_t compressed = le(c + 20, 4);
            uint64_t size = le(c + 24, 4);
            const auto nameLen = le(c + 28, 2);
            const auto extraLen = le(c + 30, 2);
            const auto commentLen = le(c + 32, 2);
            uint64_t local = le(c + 42, 4);
            const uint8_t* name = at(p + 46, nameLen + extraLen + commentLen);
            std::string entryName(reinterpret_cast<const char*>(name), nameLen);
            // ZIP64 extra field: the 64-bit values of the fields that hold 0xffffffff.
            for (uint64_t e = 0; e + 4 <= extraLen;) {
                const uint8_t* x = name + nameLen + e;
                const auto id = le(x, 2);
                const auto len = le(x + 2, 2);
                if (e + 4 + len > extraLen) fail("damaged extra field of " + entryName);
                if (id == 0x0001) {
                    uint64_t q = 4;
                    auto take = [&](uint64_t& field) {
                        if (field != 0xffffffff) return;
                        if (q + 8 > 4 + len) fail("damaged ZIP64 field of " + entryName);
                        field = le(x + q, 8);
                        q += 8;
                    };
                    take(size);
                    take(compressed);
                    take(local);
                }
                e += 4 + len;
            }
            if (method != 0)
                fail("record " + entryName + " is compressed (method " + std::to_string(method) +
                     "); torch.save stores records uncompressed");
            if (compressed != size) fail("record " + entryName + " has inconsistent sizes");
            const uint8_t* l = at(local, 30);
            if (le(l, 4) != 0x04034b50) fail("damaged local header of " + entryName);
            const uint64_t dataOffset = local + 30 + le(l + 26, 2) + le(l + 28, 2);
            at(dataOffset, size);
            m_records[entryName] = ZipRecord{dataOffset, size};
            p += 46 + nameLen + extraLen + commentLen;
        }
    }

    std::string m_path;
    const uint8_t* m_map;
    uint64_t m_size;
    std::map<std::string, ZipRecord> m_records;
};

// ---- pickle ------------------------------------------------------------------------

struct Value;
using ValuePtr = std::shared_ptr<Value>;

struct Value {
    enum Kind {
        None,
        Bool,
        Int,
        Float,
        Str,
        Bytes,
        Tuple,
        List,
        Dict,
        Global,
        Storage,
        Tensor,
        Opaque,
        Mark
    };
    Kind kind = None;
    int64_t i = 0;
    double f = 0;
    std::string s;                // Str, Bytes, Global ("module name"), Storage key
    std::vector<ValuePtr> items;  // Tuple, List; Dict as key, value, key, value ...
    // Storage
    DType dtype = DType::F32;
    int64_t numel = 0;
    // Tensor
    ValuePtr storage;
    int64_t offset = 0;
    std::vector<int64_t> shape, strides;
};

ValuePtr make(Value::Kind kind) {
    auto v = std::make_shared<Value>();
    v->kind = kind;
    return v;
}

bool storageDType(const std::string& global, DType& out) {
    static const std::pair<const char*, DType> kinds[] = {
        {"torch FloatStorage", DType::F32},
        {"torch HalfStorage", DType::F16},
        {"torch BFloat16Storage", DType::BF16},
        {"torch DoubleStorage", DType::F64},
        {"torch LongStorage", DType::I64},
        {"torch IntStorage", DType::I32},
        {"torch ShortStorage", DType::I16},
        {"torch CharStorage", DType::I8},
        {"torch ByteStorage", DType::U8},
        {"torch BoolStorage", DType::BOOL},
        {"torch Float8_e4m3fnStorage", DType::F8_E4M3},
        {"torch Float8_e5m2Storage", DType::F8_E5M2},
    };
    for (const auto& [name, dtype] : kinds)
        if (global == name) {
            out = dtype;
            return true;
        }
    return false;
}

class Unpickler {
public:
    Unpickler(const std::string& where, const uint8_t* data, uint64_t size)
        : m_where(where), m_data(data), m_size(size) {}

    ValuePtr run() {
        constexpr std::size_t kMaxStack = 1u << 22;
        while (true) {
            if (m_stack.size() > kMaxStack || m_memo.size() > kMaxStack) fail("pickle too large");
            const uint8_t op = byte();
            switch (op) {
                case 0x80:  // PROTO
                    byte();
                    break;
                case 0x95:  // FRAME
                    bytes(8);
                    break;
                case '.':  // STOP
                    if (m_stack.empty()) fail("empty stack at STOP");
                    return m_stack.back();
                case '(':
                    m_stack.push_back(make(Value::Mark));
                    break;
                case '}':
                case 'd': {
                    auto d = make(Value::Dict);
                    if (op == 'd') d->items = popToMark();
                    m_stack.push_back(d);
                    break;
                }
                case ']':
                case 'l': {
                    auto l = make(Value::List);
                    if (op == 'l') l->items = popToMark();
                    m_stack.push_back(l);
                    break;
                }
                case ')':
                    m_stack.push_back(make(Value::Tuple));
                    break;
                case 't': {
                    auto t = make(Value::Tuple);
                    t->items = popToMark();
                    m_stack.push_back(t);
                    break;
                }
                case 0x85:
                case 0x86:
                case 0x87: {
                    const std::size_t n = op - 0x84;
                    need(n);
                    auto t = make(Value::Tuple);
                    t->items.assign(m_stack.end() - static_cast<std::ptrdiff_t>(n), m_stack.end());
                    m_stack.resize(m_stack.size() - n);
                    m_stack.push_back(t);
                    break;
                }
                case 'J':
                    pushInt(static_cast<int32_t>(le(bytes(4), 4)));
                    break;
                case 'K':
                    pushInt(byte());
                    break;
                case 'M':
                    pushInt(static_cast<int64_t>(le(bytes(2), 2)));
                    break;
                case 0x8a: {  // LONG1
                    const uint8_t n = byte();
                    if (n > 8) fail("integer too large");
                    const uint8_t* p = bytes(n);
                    uint64_t v = n ? le(p, n) : 0;
                    if (n && n < 8 && (p[n - 1] & 0x80)) v |= ~0ull << (8 * n);
                    pushInt(static_cast<int64_t>(v));
                    break;
                }
                case 'N':
                    m_stack.push_back(make(Value::None));
                    break;
                case 0x88:
                case 0x89: {
                    auto b = make(Value::Bool);
                    b->i = op == 0x88;
                    m_stack.push_back(b);
                    break;
                }
                case 'G': {
                    const uint8_t* p = bytes(8);
                    uint64_t bits = 0;
                    for (int k = 0; k < 8; ++k) bits = (bits << 8) | p[k];  // big-endian
                    auto v = make(Value::Float);
                    std::memcpy(&v->f, &bits, 8);
                    m_stack.push_back(v);
                    break;
                }
                case 'X':
                    pushString(Value::Str, le(bytes(4), 4));
                    break;
                case 0x8c:
                    pushString(Value::Str, byte());
                    break;
                case 0x8d:
                    pushString(Value::Str, le(bytes(8), 8));
                    break;
                case 'C':
                    pushString(Value::Bytes, byte());
                    break;
                case 'B':
                    pushString(Value::Bytes, le(bytes(4), 4));
                    break;
                case 'c': {  // GLOBAL "module\nname\n"
                    const std::string module = line();
                    const std::string name = line();
                    auto g = make(Value::Global);
                    g->s = module + " " + name;
                    m_stack.push_back(g);
                    break;
                }
                case 0x93: {  // STACK_GLOBAL
                    auto name = pop();
                    auto module = pop();
                    if (name->kind != Value::Str || module->kind != Value::Str)
                        fail("STACK_GLOBAL needs two strings");
                    auto g = make(Value::Global);
                    g->s = module->s + " " + name->s;
                    m_stack.push_back(g);
                    break;
                }
                case 'q':
                    memoPut(byte());
                    break;
                case 'r':
                    memoPut(le(bytes(4), 4));
                    break;
                case 0x94:
                    memoPut(m_memo.size());
                    break;
                case 'h':
                    memoGet(byte());
                    break;
                case 'j':
                    memoGet(le(bytes(4), 4));
                    break;
                case 'R': {
                    auto args = pop();
                    auto callable = pop();
                    m_stack.push_back(reduce(callable, args));
                    break;
                }
                case 0x81: {  // NEWOBJ: cls.__new__(cls, *args)
                    auto args = pop();
                    auto cls = pop();
                    m_stack.push_back(reduce(cls, args));
                    break;
                }
                case 'b':  // BUILD: state of an object (e.g. a state dict's _metadata)
                    pop();
                    need(1);
                    break;
                case 'Q': {  // BINPERSID
                    auto pid = pop();
                    m_stack.push_back(persistent(pid));
                    break;
                }
                case 's': {
                    auto v = pop();
                    auto k = pop();
                    auto d = top();
                    if (d->kind == Value::Dict) {
                        d->items.push_back(k);
                        d->items.push_back(v);
                    }
                    break;
                }
                case 'u': {
                    auto kv = popToMark();
                    if (kv.size() % 2) fail("SETITEMS with an odd count");
                    auto d = top();
                    if (d->kind == Value::Dict)
                        d->items.insert(d->items.end(), kv.begin(), kv.end());
                    break;
                }
                case 'a': {
                    auto v = pop();
                    auto l = top();
                    if (l->kind == Value::List) l->items.push_back(v);
                    break;
                }
                case 'e': {
                    auto vs = popToMark();
                    auto l = top();
                    if (l->kind == Value::List)
                        l->items.insert(l->items.end(), vs.begin(), vs.end());
                    break;
                }
                case '0':  // POP
                    pop();
                    break;
                default:
                    fail("unsupported pickle opcode 0x" + hex(op) + " at byte " +
                         std::to_string(m_pos - 1));
            }
        }
    }

    std::vector<ValuePtr>& storages() { return m_storages; }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw Error(m_where + ": malformed state dict: " + what, ErrorKind::ModelLoad);
    }
    static std::string hex(uint8_t b) {
        const char* d = "0123456789abcdef";
        return std::string{d[b >> 4], d[b & 15]};
    }
    uint8_t byte() {
        if (m_pos >= m_size) fail("pickle ends early (truncated?)");
        return m_data[m_pos++];
    }
    const uint8_t* bytes(uint64_t n) {
        if (n > m_size - m_pos) fail("pickle ends early (truncated?)");
        const uint8_t* p = m_data + m_pos;
        m_pos += n;
        return p;
    }
    std::string line() {
        std::string s;
        while (true) {
            const char c = static_cast<char>(byte());
            if (c == '\n') return s;
            if (s.size() > 1024) fail("GLOBAL name too long");
            s.push_back(c);
        }
    }
    void need(std::size_t n) const {
        if (m_stack.size() < n) fail("stack underflow");
    }
    ValuePtr pop() {
        need(1);
        auto v = m_stack.back();
        m_stack.pop_back();
        if (v->kind == Value::Mark) fail("unexpected MARK");
        return v;
    }
    ValuePtr top() const {
        need(1);
        return m_stack.back();
    }
    std::vector<ValuePtr> popToMark() {
        std::size_t k = m_stack.size();
        while (k > 0 && m_stack[k - 1]->kind != Value::Mark) --k;
        if (k == 0) fail("no MARK");
        std::vector<ValuePtr> items(m_stack.begin() + static_cast<std::ptrdiff_t>(k),
                                    m_stack.end());
        m_stack.resize(k - 1);
        return items;
    }
    void pushInt(int64_t v) {
        auto p = make(Value::Int);
        p->i = v;
        m_stack.push_back(p);
    }
    void pushString(Value::Kind kind, uint64_t n) {
        auto v = make(kind);
        const uint8_t* p = bytes(n);
        v->s.assign(reinterpret_cast<const char*>(p), n);
        m_stack.push_back(v);
    }
    void memoPut(uint64_t key) { m_memo[key] = top(); }
    void memoGet(uint64_t key) {
        auto it = m_memo.find(key);
        if (it == m_memo.end()) fail("memo key " + std::to_string(key) + " unset");
        m_stack.push_back(it->second);
    }
    static int64_t intOf(const ValuePtr& v, bool& ok) {
        if (v->kind == Value::Int || v->kind == Value::Bool) return v->i;
        ok = false;
        return 0;
    }
    std::vector<int64_t> ints(const ValuePtr& v, const char* what) {
        if (v->kind != Value::Tuple && v->kind != Value::List)
            fail(std::string(what) + " is not a tuple");
        std::vector<int64_t> out;
        for (const auto& item : v->items) {
            bool ok = true;
            const int64_t x = intOf(item, ok);
            if (!ok || x < 0) fail(std::string(what) + " holds a non-integer or negative value");
            out.push_back(x);
        }
        return out;
    }

    ValuePtr persistent(const ValuePtr& pid) {
        // ('storage', torch.XStorage, key, location, numel)
        if (pid->kind != Value::Tuple || pid->items.size() < 5 ||
            pid->items[0]->kind != Value::Str || pid->items[0]->s != "storage")
            fail("unknown persistent id");
        auto storage = make(Value::Storage);
        const auto& type = pid->items[1];
        if (type->kind != Value::Global || !storageDType(type->s, storage->dtype))
            fail("unsupported storage type '" + (type->kind == Value::Global ? type->s : "?") +
                 "'");
        if (pid->items[2]->kind != Value::Str) fail("storage key is not a string");
        storage->s = pid->items[2]->s;
        bool ok = true;
        storage->numel = intOf(pid->items[4], ok);
        if (!ok || storage->numel < 0) fail("storage size is not a count");
        m_storages.push_back(storage);
        return storage;
    }

    ValuePtr reduce(const ValuePtr& callable, const ValuePtr& args) {
        if (callable->kind != Value::Global) return make(Value::Opaque);
        const std::string& g = callable->s;
        if (g == "collections OrderedDict" || g == "builtins dict") return make(Value::Dict);
        if (g == "torch._utils _rebuild_tensor_v2" || g == "torch._utils _rebuild_tensor") {
            if (args->kind != Value::Tuple || args->items.size() < 4) fail("bad tensor arguments");
            auto t = make(Value::Tensor);
            t->storage = args->items[0];
            if (t->storage->kind != Value::Storage) fail("tensor without a storage");
            bool ok = true;
            t->offset = intOf(args->items[1], ok);
            if (!ok || t->offset < 0) fail("bad storage offset");
            t->shape = ints(args->items[2], "tensor size");
            t->strides = ints(args->items[3], "tensor stride");
            if (t->shape.size() != t->strides.size()) fail("size and stride differ in length");
            return t;
        }
        if (g == "torch._utils _rebuild_parameter" ||
            g == "torch._utils _rebuild_parameter_with_state") {
            if (args->kind != Value::Tuple || args->items.empty()) fail("bad parameter arguments");
            return args->items[0];
        }
        return make(Value::Opaque);
    }

    std::string m_where;
    const uint8_t* m_data;
    uint64_t m_size;
    uint64_t m_pos = 0;
    std::vector<ValuePtr> m_stack;
    std::unordered_map<uint64_t, ValuePtr> m_memo;
    std::vector<ValuePtr> m_storages;
};

void flatten(const ValuePtr& dict, const std::string& prefix,
             std::vector<std::pair<std::string, ValuePtr>>& out, int depth) {
    if (depth > 8) return;
    for (std::size_t k = 0; k + 1 < dict->items.size(); k += 2) {
        const auto& key = dict->items[k];
        const auto& value = dict->items[k + 1];
        if (key->kind != Value::Str) continue;
        const std::string name = prefix.empty() ? key->s : prefix + "." + key->s;
        if (value->kind == Value::Tensor)
            out.emplace_back(name, value);
        else if (value->kind == Value::Dict)
            flatten(value, name, out, depth + 1);
    }
}

}  // namespace

bool looksLikeZip(const std::string& path) {
    int fd = -1;
    try {
        fd = openRegularFile(path);
    } catch (const Error&) {
        return false;  // not a regular file: certainly no archive
    }
    unsigned char magic[4] = {};
    const ssize_t n = ::read(fd, magic, 4);
    ::close(fd);
    return n == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
}

PthArchive::PthArchive(const std::string& path) : m_path(path) {
    // Opened without blocking: a FIFO or a device is refused, never waited on.
    int fd = -1;
    try {
        fd = openRegularFile(path, "weights");
    } catch (const Error& e) {
        throw Error(e.what(), ErrorKind::ModelLoad);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
        ::close(fd);
        throw Error(path + ": not a regular, non-empty file", ErrorKind::ModelLoad);
    }
    void* map =
        ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        throw Error(path + ": cannot map: " + std::strerror(errno), ErrorKind::ModelLoad);
    m_map = static_cast<const uint8_t*>(map);
    m_mapSize = static_cast<std::size_t>(st.st_size);
    try {
        ZipIndex zip(path, m_map, m_mapSize);
        const ZipRecord* pickle = nullptr;
        std::string archive;
        for (const auto& [name, record] : zip.records()) {
            const auto slash = name.find('/');
            if (slash != std::string::npos && name.substr(slash) == "/data.pkl") {
                if (pickle != nullptr)
                    throw Error(path + ": holds more than one data.pkl", ErrorKind::ModelLoad);
                pickle = &record;
                archive = name.substr(0, slash);
            }
        }
        if (pickle == nullptr)
            throw Error(path + ": a zip file without data.pkl is not a PyTorch archive",
                        ErrorKind::ModelLoad);
        Unpickler unpickler(path, m_map + pickle->dataOffset, pickle->size);
        const ValuePtr root = unpickler.run();
        if (root->kind != Value::Dict)
            throw Error(path + ": does not hold a state dict (a dict of tensors)",
                        ErrorKind::ModelLoad);
        std::vector<std::pair<std::string, ValuePtr>> tensors;
        flatten(root, "", tensors, 0);
        for (const auto& [name, t] : tensors) {
            const auto& storage = *t->storage;
            const auto it = zip.records().find(archive + "/data/" + storage.s);
            const std::string where = path + ": tensor '" + name + "'";
            if (it == zip.records().end())
                throw Error(where + ": its storage record data/" + storage.s + " is missing",
                            ErrorKind::ModelLoad);
            const uint64_t elem = dtypeSize(storage.dtype);
            if (static_cast<uint64_t>(storage.numel) > it->second.size / elem)
                throw Error(where + ": storage data/" + storage.s + " holds " +
                                std::to_string(it->second.size) + " bytes, fewer than its " +
                                std::to_string(storage.numel) + " elements need",
                            ErrorKind::ModelLoad);
            // The largest element the view touches must lie inside the storage.
            int64_t last = t->offset;
            bool empty = false;
            bool contiguous = true;
            int64_t expect = 1;
            for (std::size_t d = t->shape.size(); d-- > 0;) {
                if (t->shape[d] == 0) empty = true;
                if (t->shape[d] > (int64_t{1} << 40) || t->strides[d] > (int64_t{1} << 40))
                    throw Error(where + ": absurd size or stride", ErrorKind::ModelLoad);
                last += (t->shape[d] - 1) * t->strides[d];
                if (t->shape[d] != 1 && t->strides[d] != expect) contiguous = false;
                expect *= t->shape[d];
            }
            if (!empty && last >= storage.numel)
                throw Error(where + ": its view runs past the end of its storage",
                            ErrorKind::ModelLoad);
            TensorEntry entry;
            entry.name = name;
            entry.dtype = storage.dtype;
            entry.shape = t->shape;
            entry.begin = it->second.dataOffset + static_cast<uint64_t>(t->offset) * elem;
            entry.end =
                entry.begin + static_cast<uint64_t>(empty ? 0 : (last - t->offset + 1)) * elem;
            if (!contiguous) entry.strides = t->strides;
            if (m_index.count(name)) throw Error(where + ": appears twice", ErrorKind::ModelLoad);
            m_index[name] = m_entries.size();
            m_entries.push_back(std::move(entry));
        }
    } catch (...) {
        ::munmap(const_cast<uint8_t*>(m_map), m_mapSize);
        throw;
    }
}

PthArchive::~PthArchive() {
    if (m_map != nullptr) ::munmap(const_cast<uint8_t*>(m_map), m_mapSize);
}

const TensorEntry* PthArchive::find(const std::string& name) const {
    const auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_entries[it->second];
}

torch::Tensor PthArchive::load(const std::string& name) const {
    const TensorEntry* entry = find(name);
    if (entry == nullptr)
        throw Error(m_path + ": tensor '" + name + "' is missing", ErrorKind::ModelLoad);
    return decodeTensorBytes(m_map + entry->begin, *entry);
}

torch::Tensor PthArchive::view(const std::string& name) const {
    const TensorEntry* entry = find(name);
    if (entry == nullptr)
        throw Error(m_path + ": tensor '" + name + "' is missing", ErrorKind::ModelLoad);
    return viewTensorBytes(m_map + entry->begin, *entry);
}

void PthArchive::release(const std::string& name) const {
    const TensorEntry* entry = find(name);
    if (entry != nullptr) releaseMappedBytes(m_map + entry->begin, m_map + entry->end);
}

std::string firstNonFiniteTensor(const TensorFile& file) {
    torch::NoGradGuard noGrad;
    for (const auto& e : file.entries()) {
        if (!isFloating(e.dtype) || numelOf(e.shape) == 0) continue;
        const bool finite = torch::isfinite(file.view(e.name)).all().item<bool>();
        file.release(e.name);
        if (!finite) return e.name;
    }
    return "";
}

std::unique_ptr<TensorFile> openTensorFile(const std::string& path) {
    if (looksLikeZip(path)) return std::make_unique<PthArchive>(path);
    return std::make_unique<SafetensorsFile>(path);
}

}  // namespace kinora
