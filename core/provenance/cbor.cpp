#include "provenance/cbor.h"

#include <cbor.h>

#include <cstdlib>
#include <limits>
#include <memory>
#include <utility>

#include "util/error.h"

namespace kinora::cbor {

namespace {

struct ItemDeleter {
    void operator()(cbor_item_t* item) const {
        if (item) cbor_decref(&item);
    }
};
using ItemPtr = std::unique_ptr<cbor_item_t, ItemDeleter>;

ItemPtr checked(cbor_item_t* item) {
    if (!item) throw Error("CBOR: out of memory");
    return ItemPtr(item);
}

ItemPtr buildUnsigned(std::uint64_t v, bool negative) {
    cbor_item_t* item;
    if (v <= 0xff)
        item = negative ? cbor_build_negint8(static_cast<uint8_t>(v))
                        : cbor_build_uint8(static_cast<uint8_t>(v));
    else if (v <= 0xffff)
        item = negative ? cbor_build_negint16(static_cast<uint16_t>(v))
                        : cbor_build_uint16(static_cast<uint16_t>(v));
    else if (v <= 0xffffffffu)
        item = negative ? cbor_build_negint32(static_cast<uint32_t>(v))
                        : cbor_build_uint32(static_cast<uint32_t>(v));
    else
        item = negative ? cbor_build_negint64(v) : cbor_build_uint64(v);
    return checked(item);
}

ItemPtr toItem(const Value& v) {
    switch (v.type()) {
        case Value::Type::Unsigned:
            return buildUnsigned(static_cast<std::uint64_t>(v.asInteger()), false);
        case Value::Type::Negative:
            return buildUnsigned(static_cast<std::uint64_t>(-1 - v.asInteger()), true);
        case Value::Type::Bytes:
            return checked(cbor_build_bytestring(v.asBytes().data(), v.asBytes().size()));
        case Value::Type::Text:
            return checked(cbor_build_stringn(v.asText().data(), v.asText().size()));
        case Value::Type::Array: {
            ItemPtr a = checked(cbor_new_definite_array(v.items().size()));
            for (const Value& item : v.items()) {
                ItemPtr child = toItem(item);
                if (!cbor_array_push(a.get(), child.get())) throw Error("CBOR: out of memory");
            }
            return a;
        }
        case Value::Type::Map: {
            ItemPtr m = checked(cbor_new_definite_map(v.size()));
            for (std::size_t i = 0; i < v.size(); ++i) {
                ItemPtr key = toItem(v.keyAt(i));
                ItemPtr value = toItem(v.valueAt(i));
                if (!cbor_map_add(m.get(), cbor_pair{key.get(), value.get()}))
                    throw Error("CBOR: out of memory");
            }
            return m;
        }
        case Value::Type::Tag: {
            ItemPtr inner = toItem(v.tagged());
            return checked(cbor_build_tag(v.tagNumber(), inner.get()));
        }
        case Value::Type::Bool:
            return checked(cbor_build_bool(v.asBool()));
        case Value::Type::Null:
            return checked(cbor_new_null());
        case Value::Type::Float:
            return checked(cbor_build_float8(v.asFloat()));
    }
    throw Error("CBOR: unknown item type");
}

std::string chunkedText(const cbor_item_t* item, bool bytes) {
    std::string out;
    if (bytes ? cbor_bytestring_is_definite(item) : cbor_string_is_definite(item)) {
        const unsigned char* h = bytes ? cbor_bytestring_handle(item) : cbor_string_handle(item);
        const std::size_t n = bytes ? cbor_bytestring_length(item) : cbor_string_length(item);
        if (h) out.assign(reinterpret_cast<const char*>(h), n);
        return out;
    }
    const std::size_t count =
        bytes ? cbor_bytestring_chunk_count(item) : cbor_string_chunk_count(item);
    cbor_item_t** chunks =
        bytes ? cbor_bytestring_chunks_handle(item) : cbor_string_chunks_handle(item);
    for (std::size_t i = 0; i < count; ++i) out += chunkedText(chunks[i], bytes);
    return out;
}

Value fromItem(const cbor_item_t* item, int depth) {
    if (depth > 64) throw Error("nested more than 64 levels deep");
    switch (cbor_typeof(item)) {
        case CBOR_TYPE_UINT:
            return Value::unsignedInt(cbor_get_int(item));
        case CBOR_TYPE_NEGINT: {
            const std::uint64_t n = cbor_get_int(item);
            if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                throw Error("negative integer out of range");
            return Value::integer(-1 - static_cast<std::int64_t>(n));
        }
        case CBOR_TYPE_BYTESTRING: {
            const std::string s = chunkedText(item, true);
            return Value::bytes(Bytes(s.begin(), s.end()));
        }
        case CBOR_TYPE_STRING:
            return Value::text(chunkedText(item, false));
        case CBOR_TYPE_ARRAY: {
            Value a = Value::array();
            cbor_item_t** h = cbor_array_handle(item);
            for (std::size_t i = 0; i < cbor_array_size(item); ++i)
                a.push(fromItem(h[i], depth + 1));
            return a;
        }
        case CBOR_TYPE_MAP: {
            Value m = Value::map();
            cbor_pair* h = cbor_map_handle(item);
            for (std::size_t i = 0; i < cbor_map_size(item); ++i)
                m.set(fromItem(h[i].key, depth + 1), fromItem(h[i].value, depth + 1));
            return m;
        }
        case CBOR_TYPE_TAG: {
            // cbor_tag_item took a reference: held so that it is given back even when the
            // tagged item is refused (the fuzzer found the leak when it was not).
            const ItemPtr inner(cbor_tag_item(item));
            return Value::tag(cbor_tag_value(item), fromItem(inner.get(), depth + 1));
        }
        case CBOR_TYPE_FLOAT_CTRL:
            if (cbor_float_ctrl_is_ctrl(item)) {
                const uint8_t c = cbor_ctrl_value(item);
                if (c == CBOR_CTRL_TRUE || c == CBOR_CTRL_FALSE)
                    return Value::boolean(c == CBOR_CTRL_TRUE);
                return Value::null();  // null and undefined
            }
            return Value::floating(cbor_float_get_float(item));
    }
    throw Error("unknown item type");
}

}  // namespace

Value Value::integer(std::int64_t v) {
    Value r;
    if (v >= 0) {
        r.m_type = Type::Unsigned;
        r.m_uint = static_cast<std::uint64_t>(v);
    } else {
        r.m_type = Type::Negative;
        r.m_uint = static_cast<std::uint64_t>(-1 - v);
    }
    return r;
}
Value Value::unsignedInt(std::uint64_t v) {
    Value r;
    r.m_type = Type::Unsigned;
    r.m_uint = v;
    return r;
}
Value Value::bytes(Bytes v) {
    Value r;
    r.m_type = Type::Bytes;
    r.m_bytes = std::move(v);
    return r;
}
Value Value::text(std::string v) {
    Value r;
    r.m_type = Type::Text;
    r.m_text = std::move(v);
    return r;
}
Value Value::array(std::vector<Value> items) {
    Value r;
    r.m_type = Type::Array;
    r.m_items = std::move(items);
    return r;
}
Value Value::map() {
    Value r;
    r.m_type = Type::Map;
    return r;
}
Value Value::tag(std::uint64_t tagNumber, Value item) {
    Value r;
    r.m_type = Type::Tag;
    r.m_uint = tagNumber;
    r.m_items.push_back(std::move(item));
    return r;
}
Value Value::boolean(bool v) {
    Value r;
    r.m_type = Type::Bool;
    r.m_bool = v;
    return r;
}
Value Value::floating(double v) {
    Value r;
    r.m_type = Type::Float;
    r.m_float = v;
    return r;
}

std::int64_t Value::asInteger() const {
    if (m_type == Type::Unsigned) {
        if (m_uint > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            throw Error("CBOR integer out of range");
        return static_cast<std::int64_t>(m_uint);
    }
    if (m_type == Type::Negative) return -1 - static_cast<std::int64_t>(m_uint);
    throw Error("CBOR item is not an integer");
}
const std::string& Value::asText() const {
    if (m_type != Type::Text) throw Error("CBOR item is not a text string");
    return m_text;
}
const Bytes& Value::asBytes() const {
    if (m_type != Type::Bytes) throw Error("CBOR item is not a byte string");
    return m_bytes;
}
bool Value::asBool() const {
    if (m_type != Type::Bool) throw Error("CBOR item is not a boolean");
    return m_bool;
}
double Value::asFloat() const {
    if (m_type == Type::Float) return m_float;
    if (isInteger()) return static_cast<double>(asInteger());
    throw Error("CBOR item is not a number");
}
const Value& Value::tagged() const {
    if (m_type != Type::Tag) throw Error("CBOR item is not a tag");
    return m_items.front();
}
Value& Value::push(Value v) {
    if (m_type != Type::Array) throw Error("CBOR: push onto a non-array");
    m_items.push_back(std::move(v));
    return m_items.back();
}
Value& Value::set(Value key, Value v) {
    if (m_type != Type::Map) throw Error("CBOR: set on a non-map");
    m_keys.push_back(std::move(key));
    m_items.push_back(std::move(v));
    return m_items.back();
}
const Value* Value::find(std::string_view key) const {
    if (m_type != Type::Map) return nullptr;
    for (std::size_t i = 0; i < m_keys.size(); ++i)
        if (m_keys[i].m_type == Type::Text && m_keys[i].m_text == key) return &m_items[i];
    return nullptr;
}
const Value* Value::find(std::int64_t key) const {
    if (m_type != Type::Map) return nullptr;
    const Value wanted = Value::integer(key);
    for (std::size_t i = 0; i < m_keys.size(); ++i)
        if (m_keys[i].m_type == wanted.m_type && m_keys[i].m_uint == wanted.m_uint)
            return &m_items[i];
    return nullptr;
}

Bytes encode(const Value& value) {
    ItemPtr item = toItem(value);
    unsigned char* buffer = nullptr;
    std::size_t capacity = 0;
    const std::size_t length = cbor_serialize_alloc(item.get(), &buffer, &capacity);
    if (length == 0 || !buffer) {
        std::free(buffer);
        throw Error("CBOR: could not encode");
    }
    Bytes out(buffer, buffer + length);
    std::free(buffer);
    return out;
}

namespace {

/// Walks the CBOR item at `at` without building it: every declared length must fit in the
/// bytes that remain (an array of n items needs at least n bytes), and nesting is bounded.
/// libcbor allocates what a header declares before reading it, so a few bytes declaring
/// billions of items would otherwise ask for gigabytes. Returns the offset after the item.
std::size_t checkItem(const std::uint8_t* data, std::size_t size, std::size_t at, int depth,
                      const std::string& what) {
    auto fail = [&](const std::string& why) -> std::size_t {
        throw Error(what + ": malformed CBOR at byte " + std::to_string(at) + " (" + why + ")");
    };
    if (depth > 64) return fail("nested too deeply");
    if (at >= size) return fail("cut short");
    const unsigned major = data[at] >> 5, info = data[at] & 0x1f;
    std::size_t pos = at + 1;
    uint64_t arg = info;
    if (info >= 24 && info <= 27) {
        const std::size_t n = std::size_t{1} << (info - 24);
        if (size - pos < n) return fail("cut short");
        arg = 0;
        for (std::size_t k = 0; k < n; ++k) arg = (arg << 8) | data[pos + k];
        pos += n;
    } else if (info >= 28 && info <= 30) {
        return fail("reserved header");
    }
    const bool indefinite = info == 31;
    const std::size_t left = size - pos;
    switch (major) {
        case 0:
        case 1:
            if (indefinite) return fail("an indefinite integer");
            if (major == 1 && arg > static_cast<uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return fail("a negative integer out of range");
            return pos;
        case 2:
        case 3:
            if (indefinite) {
                while (true) {
                    if (pos >= size) return fail("cut short");
                    if (data[pos] == 0xff) return pos + 1;
                    if ((data[pos] >> 5) != major) return fail("a mixed string chunk");
                    pos = checkItem(data, size, pos, depth + 1, what);
                }
            }
            if (arg > left) return fail("a string longer than the data");
            return pos + static_cast<std::size_t>(arg);
        case 4:
        case 5: {
            if (indefinite) {
                while (true) {
                    if (pos >= size) return fail("cut short");
                    if (data[pos] == 0xff) return pos + 1;
                    pos = checkItem(data, size, pos, depth + 1, what);
                    if (major == 5) pos = checkItem(data, size, pos, depth + 1, what);
                }
            }
            const uint64_t items = major == 5 ? arg * 2 : arg;
            if (arg > left || items > left) return fail("more items declared than bytes left");
            for (uint64_t k = 0; k < items; ++k) pos = checkItem(data, size, pos, depth + 1, what);
            return pos;
        }
        case 6:
            if (indefinite) return fail("an indefinite tag");
            // libcbor 0.8 cannot read tags 6..20; only a top-level one is taken off before it
            // (decode), so one deeper is refused here, with its place.
            if (arg >= 6 && arg <= 20)
                return fail("tag " + std::to_string(arg) + " inside an item");
            return checkItem(data, size, pos, depth + 1, what);
        default:  // 7: simple values and floats; 31 is a break outside any container
            if (indefinite) return fail("a break outside a container");
            return pos;
    }
}

}  // namespace

Value decode(const std::uint8_t* data, std::size_t size, const std::string& what) {
    if (size == 0) throw Error(what + ": empty CBOR");
    // libcbor 0.8 (Debian 12) refuses the one-byte heads of tags 6..20 (0xc6..0xd4), COSE_Sign1's
    // tag 18 among them: take such a tag off the top here.
    if (data[0] >= 0xc6 && data[0] <= 0xd4) {
        if (size > 1 && data[1] >= 0xc6 && data[1] <= 0xd4)
            throw Error(what + ": malformed CBOR at byte 1 (a tag on a tag)");
        return Value::tag(data[0] - 0xc0u, decode(data + 1, size - 1, what));
    }
    checkItem(data, size, 0, 0, what);
    cbor_load_result result{};
    ItemPtr item(cbor_load(data, size, &result));
    if (!item || result.error.code != CBOR_ERR_NONE)
        throw Error(what + ": malformed CBOR at byte " + std::to_string(result.error.position));
    if (result.read != size)
        throw Error(what + ": " + std::to_string(size - result.read) +
                    " bytes after the CBOR item");
    try {
        return fromItem(item.get(), 0);
    } catch (const Error& e) {
        throw Error(what + ": " + e.what());
    }
}

}  // namespace kinora::cbor
