#include "scim/attribute_path.h"

#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

bool is_name_char(char c) { return is_alpha(c) || is_digit(c) || c == '-' || c == '_'; }

// RFC 8141 allows more in the NSS, but schema URNs in practice are made of
// these; anything else is far more likely a typo or an injection attempt.
bool is_urn_char(char c) { return is_name_char(c) || c == '.' || c == '+' || c == '%'; }

util::Unexpected<PathSyntaxError> syntax_error(size_t offset, std::string message) {
  return util::Unexpected<PathSyntaxError>(PathSyntaxError{offset, std::move(message)});
}

// Checks one ATTRNAME starting at `base` in the original text.
util::Result<std::string, PathSyntaxError> check_name(std::string_view name, size_t base, const char* what) {
  if (name.empty()) {
    return syntax_error(base, std::string("expected ") + what + " but found nothing");
  }
  if (util::iequals(name, "$ref")) return std::string(name);
  if (!is_alpha(name[0])) {
    return syntax_error(base, std::string("expected ") + what +
                                  " (a letter followed by letters, digits, '-' or '_') but found " + quoted(name));
  }
  for (size_t i = 1; i < name.size(); ++i) {
    if (!is_name_char(name[i])) {
      return syntax_error(base + i, "unexpected character " + quoted(name.substr(i, 1)) + " in " + quoted(name) + "; " +
                                        what + " has only letters, digits, '-' and '_'");
    }
  }
  return std::string(name);
}

}  // namespace

bool operator==(const AttributePath& a, const AttributePath& b) {
  return a.urn == b.urn && a.attribute == b.attribute && a.sub_attribute == b.sub_attribute;
}

bool operator!=(const AttributePath& a, const AttributePath& b) { return !(a == b); }

bool iequals(const AttributePath& a, const AttributePath& b) {
  return util::iequals(a.urn, b.urn) && util::iequals(a.attribute, b.attribute) &&
         util::iequals(a.sub_attribute, b.sub_attribute);
}

bool AttributePathILess::operator()(const AttributePath& a, const AttributePath& b) const {
  auto key = [](const AttributePath& p) {
    // '\x01' sorts below every character a valid path can hold, so the
    // parts cannot run into one another.
    return util::to_lower(p.urn) + '\x01' + util::to_lower(p.attribute) + '\x01' + util::to_lower(p.sub_attribute);
  };
  return key(a) < key(b);
}

std::string to_string(const AttributePath& path) {
  std::string out;
  if (!path.urn.empty()) out += path.urn + ":";
  out += path.attribute;
  if (!path.sub_attribute.empty()) out += "." + path.sub_attribute;
  return out;
}

bool is_attribute_name(std::string_view name) { return check_name(name, 0, "an attribute name").has_value(); }

util::Result<AttributePath, PathSyntaxError> scan_attribute_path(std::string_view text) {
  if (text.empty()) return syntax_error(0, "expected an attribute path but found nothing");

  AttributePath path;
  size_t name_start = 0;
  if (util::istarts_with(text, "urn:")) {
    size_t last_colon = text.rfind(':');
    std::string_view urn = text.substr(0, last_colon);
    if (urn.size() <= 3) {
      return syntax_error(0, "expected a schema URN before the attribute name in " + quoted(text));
    }
    size_t segment_start = 0;
    for (size_t i = 0; i <= urn.size(); ++i) {
      if (i == urn.size() || urn[i] == ':') {
        if (i == segment_start) {
          return syntax_error(i, "empty segment in the schema URN of " + quoted(text));
        }
        segment_start = i + 1;
      } else if (!is_urn_char(urn[i])) {
        return syntax_error(
            i, "unexpected character " + quoted(urn.substr(i, 1)) + " in the schema URN of " + quoted(text));
      }
    }
    path.urn = std::string(urn);
    name_start = last_colon + 1;
    if (name_start == text.size()) {
      return syntax_error(name_start, "expected an attribute name after the schema URN \"" + std::string(urn) +
                                          ":\" but found nothing");
    }
  } else if (size_t colon = text.find(':'); colon != std::string_view::npos) {
    return syntax_error(colon,
                        "unexpected \":\" in " + quoted(text) + "; only a path starting with \"urn:\" may contain ':'");
  }

  std::string_view rest = text.substr(name_start);
  size_t dot = rest.find('.');
  auto attribute = check_name(rest.substr(0, dot), name_start, "an attribute name");
  if (!attribute) return util::Unexpected<PathSyntaxError>(std::move(attribute).error());
  path.attribute = std::move(attribute).value();
  if (dot != std::string_view::npos) {
    std::string_view sub = rest.substr(dot + 1);
    size_t sub_start = name_start + dot + 1;
    if (size_t second = sub.find('.'); second != std::string_view::npos) {
      return syntax_error(sub_start + second,
                          "unexpected \".\" in " + quoted(text) + "; a path has at most one sub-attribute");
    }
    auto sub_attribute = check_name(sub, sub_start, "a sub-attribute name");
    if (!sub_attribute) return util::Unexpected<PathSyntaxError>(std::move(sub_attribute).error());
    path.sub_attribute = std::move(sub_attribute).value();
  }
  return path;
}

Result<AttributePath> parse_attribute_path(std::string_view text, Error (*make_error)(std::string)) {
  auto scanned = scan_attribute_path(text);
  if (scanned) return std::move(scanned).value();
  const PathSyntaxError& e = scanned.error();
  return fail(make_error("invalid attribute path " + quoted(text) + " at position " +
                         std::to_string(character_position(text, e.offset)) + ": " + e.message));
}

}  // namespace fastscim::scim
