// A C interface to Debian's libsentencepiece, built as its own module and opened with
// dlopen(RTLD_LOCAL | RTLD_DEEPBIND) by wan_tokenizer.cpp. libsentencepiece carries its
// own copy of protobuf-lite and exports it; linked into a program that also loads
// LibTorch's libprotobuf, the two copies' symbols interpose and the program crashes at
// start-up. Kept apart like this, each library binds to its own copy.
#include <memory>

#include <sentencepiece_processor.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

void setError(char* err, size_t len, const std::string& message) {
    if (err == nullptr || len == 0) return;
    std::strncpy(err, message.c_str(), len - 1);
    err[len - 1] = '\0';
}

template <typename T>
T* copyOut(const T* data, size_t n) {
    T* out = static_cast<T*>(std::malloc(n == 0 ? 1 : n * sizeof(T)));
    if (out != nullptr && n > 0) std::memcpy(out, data, n * sizeof(T));
    return out;
}

// A new processor loaded by `load`, or nullptr with the reason in err.
template <class Load>
void* loadWith(Load load, char* err, size_t errLen) {
    try {
        auto sp = std::make_unique<sentencepiece::SentencePieceProcessor>();
        const auto status = load(*sp);
        if (!status.ok()) {
            setError(err, errLen, status.ToString());
            return nullptr;
        }
        return sp.release();
    } catch (const std::exception& e) {
        setError(err, errLen, e.what());
        return nullptr;
    }
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) void* kinora_spm_load(const char* path, char* err,
                                                             size_t errLen) {
    return loadWith([&](sentencepiece::SentencePieceProcessor& sp) { return sp.Load(path); }, err,
                    errLen);
}

// As kinora_spm_load, from a serialized ModelProto in memory.
__attribute__((visibility("default"))) void* kinora_spm_load_proto(const char* bytes, size_t n,
                                                                   char* err, size_t errLen) {
    return loadWith(
        [&](sentencepiece::SentencePieceProcessor& sp) {
            return sp.LoadFromSerializedProto(absl::string_view(bytes, n));
        },
        err, errLen);
}

__attribute__((visibility("default"))) void kinora_spm_free(void* handle) {
    delete static_cast<sentencepiece::SentencePieceProcessor*>(handle);
}

__attribute__((visibility("default"))) int kinora_spm_piece_size(void* handle) {
    return static_cast<sentencepiece::SentencePieceProcessor*>(handle)->GetPieceSize();
}

// ids: malloc'd array of n ints; pieces: malloc'd, the pieces each closed by '\0'.
__attribute__((visibility("default"))) int kinora_spm_encode(void* handle, const char* text,
                                                             size_t textLen, int** ids, size_t* n,
                                                             char** pieces, size_t* piecesLen,
                                                             char* err, size_t errLen) {
    try {
        auto* sp = static_cast<sentencepiece::SentencePieceProcessor*>(handle);
        const std::string input(text, textLen);
        std::vector<int> idList;
        std::vector<std::string> pieceList;
        auto status = sp->Encode(input, &idList);
        if (status.ok()) status = sp->Encode(input, &pieceList);
        if (!status.ok()) {
            setError(err, errLen, status.ToString());
            return 1;
        }
        std::string joined;
        for (const auto& piece : pieceList) {
            joined += piece;
            joined.push_back('\0');
        }
        *ids = copyOut(idList.data(), idList.size());
        *n = idList.size();
        *pieces = copyOut(joined.data(), joined.size());
        *piecesLen = joined.size();
        return 0;
    } catch (const std::exception& e) {
        setError(err, errLen, e.what());
        return 1;
    }
}

__attribute__((visibility("default"))) int kinora_spm_decode(void* handle, const int* ids, size_t n,
                                                             char** out, size_t* outLen, char* err,
                                                             size_t errLen) {
    try {
        auto* sp = static_cast<sentencepiece::SentencePieceProcessor*>(handle);
        std::string text;
        const auto status = sp->Decode(std::vector<int>(ids, ids + n), &text);
        if (!status.ok()) {
            setError(err, errLen, status.ToString());
            return 1;
        }
        *out = copyOut(text.data(), text.size());
        *outLen = text.size();
        return 0;
    } catch (const std::exception& e) {
        setError(err, errLen, e.what());
        return 1;
    }
}

__attribute__((visibility("default"))) void kinora_spm_release(void* p) {
    std::free(p);
}
}
