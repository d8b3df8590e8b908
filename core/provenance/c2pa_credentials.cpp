// Signing credentials for C2PA: the user's own, or a local test CA made on first use.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>

#include "provenance/c2pa.h"
#include "provenance/c2pa_internal.h"
#include "util/error.h"
#include "util/files.h"

namespace fs = std::filesystem;

namespace kinora::c2pa {

namespace {

void writePrivate(const fs::path& path, const std::string& text, bool secret) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(path.string() + ": cannot write");
    out << text;
    out.close();
    if (!out) throw Error(path.string() + ": write failed");
    if (secret) ::chmod(path.c_str(), 0600);
}

EvpKeyPtr makeKey() {
    EVP_PKEY* k = EVP_EC_gen("P-256");
    if (!k) throw Error("C2PA: could not make an EC P-256 key: " + sslError());
    return EvpKeyPtr(k);
}

void addExt(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
    X509_EXTENSION* ext = X509V3_EXT_nconf_nid(nullptr, ctx, nid, value);
    if (!ext)
        throw Error(std::string("C2PA: bad certificate extension ") + value + ": " + sslError());
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

X509Ptr makeCert(EVP_PKEY* key, const std::string& cn, X509* issuer, EVP_PKEY* issuerKey, bool ca,
                 long days) {
    X509Ptr cert(X509_new());
    if (!cert) throw Error("C2PA: out of memory");
    X509_set_version(cert.get(), 2);  // v3
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;  // positive
    serial[0] |= 0x01;
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_time_adj_ex(X509_getm_notAfter(cert.get()), static_cast<int>(days), 0, nullptr);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("US"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(
        name, "O", MBSTRING_UTF8,
        reinterpret_cast<const unsigned char*>("Kinora Studio (local, not a public CA)"), -1, -1,
        0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer ? issuer : cert.get(), cert.get(), nullptr, nullptr, 0);
    if (ca) {
        addExt(cert.get(), &ctx, NID_basic_constraints, "critical,CA:TRUE");
        addExt(cert.get(), &ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        addExt(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE");
        addExt(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature");
        // id-kp-emailProtection and id-kp-documentSigning: the EKUs C2PA accepts.
        addExt(cert.get(), &ctx, NID_ext_key_usage, "emailProtection,1.3.6.1.5.5.7.3.36");
    }
    addExt(cert.get(), &ctx, NID_subject_key_identifier, "hash");
    addExt(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
    if (X509_sign(cert.get(), issuerKey ? issuerKey : key, EVP_sha256()) <= 0)
        throw Error("C2PA: could not sign a certificate: " + sslError());
    return cert;
}

std::string keyPem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return bioText(bio.get());
}

std::string certPem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    return bioText(bio.get());
}

// Makes the local test CA and signing certificate in `dir` (atomically: all files or none).
void createLocalCredentials(const fs::path& dir) {
    fs::create_directories(dir.parent_path().empty() ? fs::path(".") : dir.parent_path());
    const fs::path temp = dir.string() + ".tmp-" + std::to_string(::getpid());
    fs::remove_all(temp);
    fs::create_directories(temp);
    ::chmod(temp.c_str(), 0700);
    try {
        char host[256] = "this computer";
        ::gethostname(host, sizeof host - 1);
        EvpKeyPtr caKey = makeKey();
        X509Ptr caCert =
            makeCert(caKey.get(), std::string("Kinora Studio local test CA (") + host + ")",
                     nullptr, nullptr, true, 3650);
        EvpKeyPtr key = makeKey();
        X509Ptr cert = makeCert(key.get(), std::string("Kinora Studio signer (") + host + ")",
                                caCert.get(), caKey.get(), false, 1825);
        writePrivate(temp / "ca.key", keyPem(caKey.get()), true);
        writePrivate(temp / "ca.pem", certPem(caCert.get()), false);
        writePrivate(temp / "signer.key", keyPem(key.get()), true);
        writePrivate(temp / "signer.pem", certPem(cert.get()) + certPem(caCert.get()), false);
        writePrivate(
            temp / "README.txt",
            "Kinora Studio's local C2PA test credentials, made on first use.\n"
            "ca.pem signs signer.pem, which signs the content credentials of every\n"
            "file Kinora writes. They prove the file is unchanged since it was made\n"
            "here; others trust them only if they add ca.pem to their trust list.\n"
            "Use your own: KINORA_C2PA_CERT / KINORA_C2PA_KEY, or the studio's settings.\n",
            false);
    } catch (...) {
        fs::remove_all(temp);
        throw;
    }
    std::error_code ec;
    fs::rename(temp, dir, ec);
    if (ec) {
        fs::remove_all(temp);  // another process made them first
        if (!fs::exists(dir / "signer.pem"))
            throw Error(dir.string() + ": cannot create (" + ec.message() + ")");
    }
}

std::mutex g_mutex;
std::optional<SignerSettings> g_settings;
std::optional<Credentials> g_credentials;

}  // namespace

std::string readTextFile(const std::string& path, const char* what) {
    return readRegularFile(path, 4u << 20, what);
}

std::string sslError() {
    const unsigned long e = ERR_get_error();
    ERR_clear_error();
    if (e == 0) return "unknown OpenSSL error";
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    return buf;
}

std::string bioText(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::string oneLineName(const X509_NAME* name) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
    return bioText(bio.get());
}

std::vector<X509Ptr> readPemCertificates(const std::string& text, const std::string& what) {
    BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    std::vector<X509Ptr> certs;
    while (X509* c = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) certs.emplace_back(c);
    ERR_clear_error();
    if (certs.empty()) throw Error(what + ": no PEM certificate in it");
    return certs;
}

std::string checkSigningProfile(X509* cert) {
    if (X509_get_version(cert) != 2) return "not an X.509 v3 certificate";
    const uint32_t flags = X509_get_extension_flags(cert);
    if (flags & EXFLAG_CA) return "a CA certificate cannot sign claims";
    if (!(flags & EXFLAG_KUSAGE) || !(X509_get_key_usage(cert) & KU_DIGITAL_SIGNATURE))
        return "its key usage lacks digitalSignature";
    if (!(flags & EXFLAG_XKUSAGE))
        return "it has no extended key usage (C2PA needs emailProtection or documentSigning)";
    bool ok = false;
    auto* eku = static_cast<EXTENDED_KEY_USAGE*>(
        X509_get_ext_d2i(cert, NID_ext_key_usage, nullptr, nullptr));
    for (int i = 0; eku && i < sk_ASN1_OBJECT_num(eku); ++i) {
        char oid[80];
        OBJ_obj2txt(oid, sizeof oid, sk_ASN1_OBJECT_value(eku, i), 1);
        const std::string o = oid;
        if (o == "2.5.29.37.0") {
            ok = false;
            break;  // anyExtendedKeyUsage is not allowed
        }
        if (o == "1.3.6.1.5.5.7.3.4" || o == "1.3.6.1.5.5.7.3.36" || o == "1.3.6.1.4.1.62558.2.1" ||
            o == "1.3.6.1.5.5.7.3.8" || o == "1.3.6.1.5.5.7.3.9")
            ok = true;
    }
    sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
    if (!ok)
        return "its extended key usage allows no C2PA signing (emailProtection, documentSigning)";
    if (X509_check_issued(cert, cert) == X509_V_OK)
        return "a self-signed certificate cannot sign claims";
    return "";
}

std::string curveOf(EVP_PKEY* key) {
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) return "";
    char group[64] = {};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                       &len) != 1)
        return "";
    return group;
}

SignerSettings SignerSettings::fromEnvironment() {
    SignerSettings s;
    if (const char* c = std::getenv("KINORA_C2PA_CERT")) s.certPath = c;
    if (const char* k = std::getenv("KINORA_C2PA_KEY")) s.keyPath = k;
    if (const char* d = std::getenv("KINORA_C2PA_DIR"); d && *d)
        s.directory = d;
    else if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
        s.directory = std::string(x) + "/kinora/c2pa";
    else if (const char* h = std::getenv("HOME"); h && *h)
        s.directory = std::string(h) + "/.local/share/kinora/c2pa";
    else
        s.directory = "kinora-c2pa";
    return s;
}

Credentials loadCredentials(const SignerSettings& settings) {
    std::string certPath = settings.certPath, keyPath = settings.keyPath, caPath;
    if (certPath.empty() != keyPath.empty())
        throw Error("C2PA: give both the signing certificate and its private key");
    if (certPath.empty()) {
        const fs::path dir = settings.directory.empty()
                                 ? fs::path(SignerSettings::fromEnvironment().directory)
                                 : fs::path(settings.directory);
        if (!fs::exists(dir / "signer.pem")) createLocalCredentials(dir);
        certPath = (dir / "signer.pem").string();
        keyPath = (dir / "signer.key").string();
        caPath = (dir / "ca.pem").string();
    }
    Credentials c;
    c.caPath = caPath;
    const std::vector<X509Ptr> chain =
        readPemCertificates(readTextFile(certPath, "certificate"), certPath);
    for (const X509Ptr& x : chain) {
        unsigned char* der = nullptr;
        const int n = i2d_X509(x.get(), &der);
        if (n <= 0) throw Error(certPath + ": cannot encode a certificate");
        c.chainDer.emplace_back(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
        OPENSSL_free(der);
    }
    c.keyPem = readTextFile(keyPath, "private key");
    BioPtr bio(BIO_new_mem_buf(c.keyPem.data(), static_cast<int>(c.keyPem.size())));
    EvpKeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) throw Error(keyPath + ": not a PEM private key (or it needs a passphrase)");
    const std::string curve = curveOf(key.get());
    if (curve != "prime256v1" && curve != "P-256" && curve != "secp384r1" && curve != "P-384")
        throw Error(keyPath + ": C2PA signing here takes EC P-256 (ES256) or P-384 (ES384) keys");
    if (X509_check_private_key(chain.front().get(), key.get()) != 1)
        throw Error(keyPath + ": does not match the certificate " + certPath);
    if (const std::string why = checkSigningProfile(chain.front().get()); !why.empty())
        throw Error(certPath + ": unfit for C2PA signing: " + why);
    c.subject = oneLineName(X509_get_subject_name(chain.front().get()));
    c.issuer = oneLineName(X509_get_issuer_name(chain.front().get()));
    return c;
}

void setDefaultSigner(const SignerSettings& settings) {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_settings = settings;
    g_credentials.reset();
}

Credentials defaultCredentials() {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (!g_credentials)
        g_credentials =
            loadCredentials(g_settings ? *g_settings : SignerSettings::fromEnvironment());
    return *g_credentials;
}

}  // namespace kinora::c2pa
