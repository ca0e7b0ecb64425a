#include "io/privacy.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace staffnet {

std::string pseudonym(const std::string& key, const std::string& id) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(id.data()), id.size(),
              digest, &length))
        throw std::runtime_error("could not compute a pseudonym (OpenSSL HMAC failed)");
    static const char* hex = "0123456789abcdef";
    std::string out = "p-";
    for (unsigned i = 0; i < 6; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

void pseudonymize(Network& net, const std::string& key, bool drop_names) {
    if (key.empty()) throw std::invalid_argument("the pseudonymisation key is empty");
    for (Person& p : net.people) {
        p.id = pseudonym(key, p.id);
        p.name = drop_names ? "" : p.id;
    }
}

}  // namespace staffnet
