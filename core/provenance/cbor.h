#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kinora::cbor {

using Bytes = std::vector<std::uint8_t>;

/// @brief One CBOR data item (RFC 8949), as C2PA manifests and COSE signatures use them.
/// Maps keep their insertion order: C2PA hashes the bytes as written, so what is encoded
/// is exactly what was built. Encoding and decoding go through libcbor.
class Value {
public:
    enum class Type { Unsigned, Negative, Bytes, Text, Array, Map, Tag, Bool, Null, Float };

    Value() : m_type(Type::Null) {}
    static Value integer(std::int64_t v);
    static Value unsignedInt(std::uint64_t v);
    static Value bytes(Bytes v);
    static Value text(std::string v);
    static Value array(std::vector<Value> items = {});
    static Value map();
    static Value tag(std::uint64_t tagNumber, Value item);
    static Value boolean(bool v);
    static Value null() { return Value(); }
    static Value floating(double v);

    Type type() const { return m_type; }
    bool isInteger() const { return m_type == Type::Unsigned || m_type == Type::Negative; }
    /// @brief The integer value; throws Error when the item is not an integer in int64 range.
    std::int64_t asInteger() const;
    const std::string& asText() const;  ///< throws Error unless Text
    const Bytes& asBytes() const;       ///< throws Error unless Bytes
    bool asBool() const;
    double asFloat() const;
    std::uint64_t tagNumber() const { return m_uint; }
    const Value& tagged() const;  ///< the item a tag wraps

    // Arrays
    const std::vector<Value>& items() const { return m_items; }
    Value& push(Value v);

    // Maps (keys and values side by side, in insertion order)
    Value& set(Value key, Value v);
    Value& set(const std::string& key, Value v) { return set(text(key), std::move(v)); }
    std::size_t size() const { return m_type == Type::Map ? m_keys.size() : m_items.size(); }
    const Value& keyAt(std::size_t i) const { return m_keys.at(i); }
    const Value& valueAt(std::size_t i) const { return m_items.at(i); }
    /// @brief The value under a text key, or nullptr (also when this is no map).
    const Value* find(std::string_view key) const;
    /// @brief The value under an integer key, or nullptr.
    const Value* find(std::int64_t key) const;

private:
    Type m_type;
    std::uint64_t m_uint = 0;  // Unsigned: value; Negative: n for -1-n; Tag: the tag number
    double m_float = 0.0;
    bool m_bool = false;
    std::string m_text;
    Bytes m_bytes;
    std::vector<Value> m_items;  // array items, map values, or the tagged item
    std::vector<Value> m_keys;   // map keys
};

/// @brief Encodes with definite lengths and the shortest integer forms.
Bytes encode(const Value& value);

/// @brief Decodes exactly one item that spans all of `data`. Throws Error naming `what`
/// when the bytes are not well-formed CBOR, or hold trailing bytes.
Value decode(const std::uint8_t* data, std::size_t size, const std::string& what);
inline Value decode(const Bytes& data, const std::string& what) {
    return decode(data.data(), data.size(), what);
}

}  // namespace kinora::cbor
