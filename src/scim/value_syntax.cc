#include "scim/value_syntax.h"

#include "scim/text.h"

namespace fastscim::scim {

namespace {

// Reads exactly `n` digits at text[*pos].
bool read_digits(std::string_view text, size_t* pos, size_t n, int* out) {
  if (*pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[*pos + i];
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

bool is_integer_literal(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (!is_digit(s[i])) return false;
  }
  return true;
}

bool is_decimal_literal(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t frac = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac;
    if (frac == 0) return false;  // digits on both sides of the point (ATT-05)
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

bool is_valid_date_time(std::string_view text) {
  size_t pos = 0;
  int year, month, day, hour, minute, second;
  if (!read_digits(text, &pos, 4, &year) || !expect(text, &pos, '-')) return false;
  if (!read_digits(text, &pos, 2, &month) || !expect(text, &pos, '-')) return false;
  if (!read_digits(text, &pos, 2, &day) || !expect(text, &pos, 'T')) return false;
  if (!read_digits(text, &pos, 2, &hour) || !expect(text, &pos, ':')) return false;
  if (!read_digits(text, &pos, 2, &minute) || !expect(text, &pos, ':')) return false;
  if (!read_digits(text, &pos, 2, &second)) return false;
  bool fraction_nonzero = false;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < text.size() && is_digit(text[pos])) {
      if (text[pos] != '0') fraction_nonzero = true;
      ++pos;
    }
    if (pos == start) return false;
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
  if (minute > 59 || second > 59) return false;
  // xsd allows 24:00:00 as the end of a day.
  if (hour > 24 || (hour == 24 && (minute != 0 || second != 0 || fraction_nonzero))) return false;
  if (pos == text.size()) return true;
  if (text[pos] == 'Z') return pos + 1 == text.size();
  if (text[pos] != '+' && text[pos] != '-') return false;
  ++pos;
  int tz_hour, tz_minute;
  if (!read_digits(text, &pos, 2, &tz_hour) || !expect(text, &pos, ':')) return false;
  if (!read_digits(text, &pos, 2, &tz_minute)) return false;
  if (tz_minute > 59 || tz_hour > 14 || (tz_hour == 14 && tz_minute != 0)) return false;
  return pos == text.size();
}

bool is_valid_base64(std::string_view text) {
  size_t end = text.size();
  size_t padding = 0;
  while (end > 0 && text[end - 1] == '=' && padding < 2) --end, ++padding;
  bool standard = false;
  bool url = false;
  for (size_t i = 0; i < end; ++i) {
    char c = text[i];
    bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c);
    if (alnum) continue;
    if (c == '+' || c == '/')
      standard = true;
    else if (c == '-' || c == '_')
      url = true;
    else
      return false;
  }
  if (standard && url) return false;
  if (end % 4 == 1) return false;
  if (padding > 0 && text.size() % 4 != 0) return false;
  return true;
}

}  // namespace fastscim::scim
