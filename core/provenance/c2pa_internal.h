#pragma once
// OpenSSL helpers shared by the C2PA sources (not part of the public API).

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <vector>

namespace kinora::c2pa {

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct EvpKeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using EvpKeyPtr = std::unique_ptr<EVP_PKEY, EvpKeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

std::string sslError();
/// @brief The whole file at `path`; throws Error "<what> <path>: cannot read".
std::string readTextFile(const std::string& path, const char* what);
std::string bioText(BIO* bio);
std::string oneLineName(const X509_NAME* name);
std::vector<X509Ptr> readPemCertificates(const std::string& text, const std::string& what);
/// @brief Why `cert` may not sign C2PA claims (the C2PA certificate profile), or "".
std::string checkSigningProfile(X509* cert);
/// @brief The EC curve name of `key` ("prime256v1", "secp384r1"), or "" for other keys.
std::string curveOf(EVP_PKEY* key);

}  // namespace kinora::c2pa
