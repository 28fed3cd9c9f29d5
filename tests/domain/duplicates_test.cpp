#include "domain/duplicates.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <iostream>
#include <string>
#include <vector>

namespace patronage::domain {
namespace {

PersonIdentity person(std::string id, std::string last, std::string first, std::string patronymic,
                      std::string_view birth = {}, std::string address = {}) {
  PersonIdentity p;
  p.id = std::move(id);
  p.last_name = std::move(last);
  p.first_name = std::move(first);
  p.patronymic = std::move(patronymic);
  if (!birth.empty()) {
    p.birth_date = util::parse_date(birth);
  }
  p.address = std::move(address);
  return p;
}

struct LabelledPair {
  std::string note;
  PersonIdentity a;
  PersonIdentity b;
  bool same = false;
};

bool has_reason(const PersonMatch& match, DuplicateReason reason) {
  return std::find(match.reasons.begin(), match.reasons.end(), reason) != match.reasons.end();
}

// Hand-written pairs of real-looking records as a duty officer or a school would type them.
std::vector<LabelledPair> labelled_pairs() {
  const std::string tula = "г. Тула, ул. Оружейная, д. 4, кв. 17";
  const std::string samara = "г. Самара, ул. Победы, д. 86, кв. 3";
  const std::string perm = "г. Пермь, ул. Ленина, д. 12, кв. 45";
  const std::string kazan = "г. Казань, ул. Чистопольская, д. 19, кв. 140";
  const std::string omsk = "г. Омск, пр-т Мира, д. 7, кв. 52";
  const std::string lipetsk = "Липецк, ул. Гагарина, д. 3, кв. 7";
  const std::string vologda = "г. Вологда, ул. Конева, д. 15, кв. 88";
  const std::string tver = "Тверь, Смоленский пер., д. 2, кв. 9";
  const std::string kursk = "с. Ивановка, ул. Лесная, д. 3";
  return {
      // The same person.
      {"translit, patronymic missing", person("a", "Щербакова", "Ольга", "Ивановна", "1985-03-12"),
       person("b", "Shcherbakova", "Olga", "", "1985-03-12"), true},
      {"ё/е", person("a", "Смирнова", "Алёна", "Викторовна", "1992-07-19", tula),
       person("b", "Смирнова", "Алена", "Викторовна", "1992-07-19"), true},
      {"Наталья/Наталия", person("a", "Кузнецова", "Наталья", "Андреевна", "1988-01-05"),
       person("b", "Кузнецова", "Наталия", "Андреевна", "1988-01-05"), true},
      {"vowel typo in last name", person("a", "Соколов", "Дмитрий", "Алексеевич", "1990-04-23"),
       person("b", "Саколов", "Дмитрий", "Алексеевич", "1990-04-23"), true},
      {"first/last swapped", person("a", "Попова", "Марина", "Сергеевна", "1983-09-30"),
       person("b", "Марина", "Попова", "Сергеевна", "1983-09-30"), true},
      {"passport ICAO spelling", person("a", "Воробьёва", "Юлия", "Олеговна", "1995-02-14"),
       person("b", "Vorobeva", "Iuliia", "", "1995-02-14"), true},
      {"birth day and month swapped", person("a", "Морозов", "Алексей", "Николаевич", "1976-05-08"),
       person("b", "Морозов", "Алексей", "Николаевич", "1976-08-05"), true},
      {"birth date unknown on one side", person("a", "Григорьев", "Павел", "Ильич", "", samara),
       person("b", "Григорьев", "Павел", "Ильич", "1969-12-01", "Самара, улица Победы 86-3"), true},
      {"transposed letters in first name", person("a", "Белоусова", "Екатерина", "Михайловна", "2001-10-11"),
       person("b", "Белоусова", "Екатериан", "Михайловна", "2001-10-11"), true},
      {"Latin with kh", person("a", "Хабибуллин", "Ринат", "Маратович", "1981-06-27"),
       person("b", "Khabibullin", "Rinat", "Maratovich", "1981-06-27"), true},
      {"old Latin spelling c/j", person("a", "Цветкова", "Татьяна", "Борисовна", "1970-03-08"),
       person("b", "Cvetkova", "Tatjana", "", "1970-03-08"), true},
      {"double surname, hyphen lost", person("a", "Римская-Корсакова", "Анна", "Ильинична", "1999-01-20"),
       person("b", "Римская Корсакова", "Анна", "Ильинична", "1999-01-20"), true},
      {"birth day one digit off", person("a", "Лаврентьев", "Евгений", "Петрович", "1987-06-15"),
       person("b", "Лаврентьев", "Евгений", "Петрович", "1987-06-16"), true},
      {"surname changed at marriage, same flat", person("a", "Иванова", "Ольга", "Петровна", "1990-03-03", perm),
       person("b", "Сидорова", "Ольга", "Петровна", "1990-03-03", "Пермь, ул Ленина д 12 кв 45"), true},
      {"ё written as yo", person("a", "Фёдоров", "Пётр", "Сергеевич", "1958-11-30"),
       person("b", "Fyodorov", "Pyotr", "", "1958-11-30"), true},
      {"dropped letter in surname", person("a", "Александрова", "Вероника", "Денисовна", "2005-08-09"),
       person("b", "Алесандрова", "Вероника", "Денисовна", "2005-08-09"), true},
      {"capitals and spaces", person("a", "  ЖУКОВА ", "евгения", "", "1993-04-04"),
       person("b", "Жукова", "Евгения", "Романовна", "1993-04-04"), true},
      {"typo in patronymic", person("a", "Тимофеева", "Людмила", "Владимировна", "1962-02-28"),
       person("b", "Тимофеева", "Людмила", "Владимирвна", "1962-02-28"), true},
      {"Latin with yo and ye", person("a", "Кириллов", "Артём", "Андреевич", "2010-09-01"),
       person("b", "Kirillov", "Artyom", "Andreyevich", "2010-09-01"), true},
      {"birth year digits swapped", person("a", "Шевчук", "Оксана", "Николаевна", "1978-07-07"),
       person("b", "Шевчук", "Оксана", "Николаевна", "1987-07-07"), true},
      {"swapped and Latin", person("a", "Гончаренко", "Илья", "Сергеевич", "2008-12-12"),
       person("b", "Ilia", "Goncharenko", "", "2008-12-12"), true},
      {"x for ks", person("a", "Зайцева", "Ксения", "Игоревна", "1996-05-21"),
       person("b", "Zaytseva", "Xenia", "", "1996-05-21"), true},
      {"no birth dates, same flat", person("a", "Мельникова", "Дарья", "Олеговна", "", lipetsk),
       person("b", "Мельникова", "Дарья", "Олеговна", "", "Липецк, ул Гагарина, 3-7"), true},
      {"dropped letter in first name", person("a", "Николаев", "Виктор", "Степанович", "1955-01-17"),
       person("b", "Николаев", "Витор", "Степанович", "1955-01-17"), true},

      // Different people.
      {"only the birth date shared", person("a", "Иванов", "Сергей", "Петрович", "1980-05-05"),
       person("b", "Петрова", "Анна", "Викторовна", "1980-05-05"), false},
      {"twin brothers", person("a", "Козлов", "Артём", "Игоревич", "2012-06-01", kazan),
       person("b", "Козлов", "Антон", "Игоревич", "2012-06-01", kazan), false},
      {"twin sisters, similar names", person("a", "Никитина", "Полина", "Андреевна", "2015-02-10", omsk),
       person("b", "Никитина", "Алина", "Андреевна", "2015-02-10", omsk), false},
      {"mother and daughter", person("a", "Смирнова", "Елена", "Петровна", "1965-04-10", vologda),
       person("b", "Смирнова", "Елена", "Александровна", "1989-11-22", vologda), false},
      {"full namesakes", person("a", "Кузнецов", "Андрей", "Викторович", "1980-02-02"),
       person("b", "Кузнецов", "Андрей", "Викторович", "1994-10-17"), false},
      {"spouses", person("a", "Волков", "Игорь", "Сергеевич", "1975-03-15", tver),
       person("b", "Волкова", "Ирина", "Павловна", "1977-08-09", tver), false},
      {"father and son", person("a", "Орлов", "Николай", "Николаевич", "1960-01-15", kursk),
       person("b", "Орлов", "Николай", "Николаевич", "1988-07-03", kursk), false},
      {"sisters", person("a", "Лебедева", "Мария", "Олеговна", "2010-03-03"),
       person("b", "Лебедева", "Дарья", "Олеговна", "2013-08-21"), false},
      {"similar surnames", person("a", "Соколова", "Анна", "Викторовна", "1991-09-09"),
       person("b", "Соколовская", "Анна", "Викторовна", "1985-12-01"), false},
      {"common first name and patronymic", person("a", "Петрова", "Ольга", "Ивановна", "1979-06-06"),
       person("b", "Сидорова", "Ольга", "Ивановна", "1983-02-17"), false},
      {"same surname root and birth date", person("a", "Новиков", "Павел", "Андреевич", "1991-05-05"),
       person("b", "Новикова", "Ксения", "Юрьевна", "1991-05-05"), false},
      {"Maria and Marina", person("a", "Ivanova", "Maria", "", "1984-10-10"),
       person("b", "Иванова", "Марина", "Сергеевна", "1986-03-21"), false},
      {"boy and girl twins", person("a", "Павлов", "Александр", "Сергеевич", "2011-04-04"),
       person("b", "Павлова", "Александра", "Сергеевна", "2011-04-04"), false},
      {"neighbours in one building",
       person("a", "Зайцев", "Олег", "Иванович", "1970-10-01", "ул. Ленина, д. 5, кв. 12"),
       person("b", "Зайцева", "Вера", "Андреевна", "1972-11-19", "ул Ленина д 5 кв 14"), false},
      {"same name, other patronymic, one date unknown", person("a", "Белова", "Ирина", "Сергеевна"),
       person("b", "Белова", "Ирина", "Викторовна", "1982-07-14"), false},
      {"common name across scripts, other year", person("a", "Попов", "Александр", "", "1999-09-09"),
       person("b", "Popov", "Aleksandr", "", "1972-03-14"), false},
      {"grandmother and granddaughter", person("a", "Егорова", "Анастасия", "Павловна", "1948-05-02", kursk),
       person("b", "Егорова", "Анастасия", "Дмитриевна", "2015-05-02", kursk), false},
      {"common name and birth date, other surname and city",
       person("a", "Морозова", "Анна", "Сергеевна", "1990-01-01", "г. Курск, ул. Садовая, д. 1, кв. 5"),
       person("b", "Воронова", "Анна", "Сергеевна", "1990-01-01", "г. Орёл, ул. Комсомольская, д. 40"), false},
      {"twin brothers Denis and Daniil", person("a", "Васильев", "Денис", "Олегович", "1986-02-20"),
       person("b", "Васильев", "Даниил", "Олегович", "1986-02-20"), false},
      {"twin sisters Yulia and Yuliana", person("a", "Кравченко", "Юлия", "Андреевна", "1994-06-13"),
       person("b", "Кравченко", "Юлиана", "Андреевна", "1994-06-13"), false},
      {"twin brothers, same flat", person("a", "Гусев", "Максим", "Андреевич", "2003-07-22", samara),
       person("b", "Гусев", "Михаил", "Андреевич", "2003-07-22", samara), false},
      {"brother and sister twins Olga and Oleg", person("a", "Шевченко", "Ольга", "Николаевна", "1980-11-03"),
       person("b", "Шевченко", "Олег", "Николаевич", "1980-11-03"), false},
      {"sisters Alyona and Yelena", person("a", "Киселёва", "Алёна", "Игоревна", "1997-12-24"),
       person("b", "Киселева", "Елена", "Игоревна", "1995-03-02"), false},
  };
}

TEST(DuplicatesLabelledPairs, PrecisionAndRecallAtLeastNinetyPercent) {
  const DuplicateSettings settings;
  const auto pairs = labelled_pairs();
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  int same_count = 0;
  for (const auto& pair : pairs) {
    const auto forward = score_pair(pair.a, pair.b);
    const auto backward = score_pair(pair.b, pair.a);
    EXPECT_NEAR(forward.score, backward.score, 1e-9) << pair.note;
    const bool predicted = forward.score >= settings.person_threshold;
    same_count += pair.same ? 1 : 0;
    if (predicted && pair.same) {
      ++true_positives;
    } else if (predicted && !pair.same) {
      ++false_positives;
      std::cout << "false positive: " << pair.note << " score " << forward.score << '\n';
    } else if (!predicted && pair.same) {
      ++false_negatives;
      std::cout << "false negative: " << pair.note << " score " << forward.score << '\n';
    }
  }
  ASSERT_GE(same_count, 15);
  ASSERT_GE(static_cast<int>(pairs.size()) - same_count, 15);
  const double precision = static_cast<double>(true_positives) / std::max(1, true_positives + false_positives);
  const double recall = static_cast<double>(true_positives) / std::max(1, true_positives + false_negatives);
  std::cout << "duplicates: " << pairs.size() << " pairs (" << same_count << " same), precision " << precision
            << ", recall " << recall << '\n';
  RecordProperty("precision", std::to_string(precision));
  RecordProperty("recall", std::to_string(recall));
  EXPECT_GE(precision, 0.9);
  EXPECT_GE(recall, 0.9);
}

// The folded-once path (an import's) gives every labelled pair the same score and reasons as score_pair.
TEST(DuplicatesLabelledPairs, PreparedIdentitiesScoreAsTheirIdentities) {
  for (const auto& pair : labelled_pairs()) {
    const auto plain = score_pair(pair.a, pair.b);
    const auto prepared = score_pair(PreparedIdentity(pair.a), PreparedIdentity(pair.b));
    EXPECT_DOUBLE_EQ(prepared.score, plain.score) << pair.note;
    EXPECT_EQ(prepared.reasons, plain.reasons) << pair.note;
    EXPECT_EQ(prepared.id, pair.b.id) << pair.note;
  }
}

// The early way out of score_pair_at_least never drops a pair score_pair puts at the threshold or above, at any
// threshold, and keeps its score and reasons.
TEST(DuplicatesLabelledPairs, ScoringAtLeastAThresholdKeepsEveryPairThatReachesIt) {
  std::vector<std::pair<PersonIdentity, PersonIdentity>> pairs;
  for (const auto& pair : labelled_pairs()) {
    pairs.emplace_back(pair.a, pair.b);
  }
  // Every birth-date conflict with everything else agreeing: the most such a pair can score.
  pairs.emplace_back(person("a", "Иванов", "Сергей", "Петрович", "1980-05-05"),
                     person("b", "Иванов", "Сергей", "Петрович", "1991-09-17"));
  for (const double threshold : {0.05, 0.15, 0.2, 0.21, 0.5, 0.6, 0.9}) {
    for (const auto& [a, b] : pairs) {
      const auto plain = score_pair(a, b);
      const auto early = score_pair_at_least(PreparedIdentity(a), PreparedIdentity(b), threshold);
      EXPECT_EQ(early.has_value(), plain.score >= threshold) << a.last_name << " / " << b.last_name << " at " << threshold;
      if (early) {
        EXPECT_DOUBLE_EQ(early->score, plain.score);
        EXPECT_EQ(early->reasons, plain.reasons);
      }
    }
  }
}

TEST(DuplicatesLabelledPairs, SamePersonsShareABlockingKey) {
  for (const auto& pair : labelled_pairs()) {
    if (!pair.same) {
      continue;
    }
    const auto a = blocking_keys(pair.a);
    const auto b = blocking_keys(pair.b);
    const bool shared =
        std::any_of(a.begin(), a.end(), [&](const auto& key) { return std::find(b.begin(), b.end(), key) != b.end(); });
    EXPECT_TRUE(shared) << pair.note;
  }
}

TEST(DuplicatesScorePair, SharedBirthDateAloneIsNotAMatch) {
  const auto match = score_pair(person("a", "Иванов", "Сергей", "Петрович", "1980-05-05"),
                                person("b", "Петрова", "Анна", "Викторовна", "1980-05-05"));
  EXPECT_LT(match.score, DuplicateSettings{}.person_threshold);
  EXPECT_TRUE(has_reason(match, DuplicateReason::same_birth_date));
}

TEST(DuplicatesScorePair, CyrillicAndLatinSpellingsMatchWithReasons) {
  const auto match = score_pair(person("a", "Щербакова", "Ольга", "Ивановна", "1985-03-12"),
                                person("b", "Shcherbakova", "Olga", "", "1985-03-12"));
  EXPECT_EQ(match.id, "b");
  EXPECT_GE(match.score, 0.85);
  EXPECT_EQ(match.reasons, (std::vector{DuplicateReason::same_birth_date, DuplicateReason::name_transliterated}));
}

TEST(DuplicatesScorePair, IdenticalRecordsScoreOne) {
  const auto a = person("a", "Иванов", "Сергей", "Петрович", "1979-11-02", "ул. Мира, д. 1, кв. 2");
  const auto match = score_pair(a, a);
  EXPECT_DOUBLE_EQ(match.score, 1.0);
  EXPECT_EQ(match.reasons, (std::vector{DuplicateReason::same_birth_date, DuplicateReason::name_exact,
                                        DuplicateReason::patronymic_match, DuplicateReason::same_address}));
}

TEST(DuplicatesScorePair, LastNameTypoWithSameBirthDateMatches) {
  const auto match = score_pair(person("a", "Соколов", "Дмитрий", "", "1990-04-23"),
                                person("b", "Саколов", "Дмитрий", "", "1990-04-23"));
  EXPECT_GE(match.score, DuplicateSettings{}.person_threshold);
  EXPECT_TRUE(has_reason(match, DuplicateReason::name_typo));
}

TEST(DuplicatesScorePair, SwappedNamesAreReported) {
  const auto match = score_pair(person("a", "Попова", "Марина", "Сергеевна", "1983-09-30"),
                                person("b", "Марина", "Попова", "Сергеевна", "1983-09-30"));
  EXPECT_GE(match.score, 0.9);
  EXPECT_TRUE(has_reason(match, DuplicateReason::first_last_swapped));
}

TEST(DuplicatesScorePair, BirthDateTypoIsReported) {
  const auto match = score_pair(person("a", "Морозов", "Алексей", "Николаевич", "1976-05-08"),
                                person("b", "Морозов", "Алексей", "Николаевич", "1976-08-05"));
  EXPECT_TRUE(has_reason(match, DuplicateReason::birth_date_typo));
  EXPECT_FALSE(has_reason(match, DuplicateReason::same_birth_date));
}

TEST(DuplicatesScorePair, MotherAndDaughterDoNotMatch) {
  const auto match = score_pair(person("a", "Смирнова", "Елена", "Петровна", "1965-04-10"),
                                person("b", "Смирнова", "Елена", "Александровна", "1989-11-22"));
  EXPECT_LT(match.score, 0.1);
  EXPECT_FALSE(has_reason(match, DuplicateReason::patronymic_match));
}

TEST(DuplicatesScorePair, SpousesGetALowSameAddressScore) {
  const auto match = score_pair(person("a", "Волков", "Игорь", "Сергеевич", "1975-03-15", "ул. Мира, д. 1, кв. 2"),
                                person("b", "Волкова", "Ирина", "Павловна", "1977-08-09", "Мира 1-2"));
  EXPECT_GT(match.score, 0.0);
  EXPECT_LT(match.score, 0.3);
  EXPECT_EQ(match.reasons, std::vector{DuplicateReason::same_address});
}

TEST(DuplicatesScorePair, MatchingInitialCountsHalf) {
  const auto full = score_pair(person("a", "Иванова", "Ольга", "Игоревна", "1990-01-01"),
                               person("b", "Иванова", "Ольга", "Игоревна", "1990-01-01"));
  const auto initial = score_pair(person("a", "Иванова", "О.", "И.", "1990-01-01"),
                                  person("b", "Иванова", "Ольга", "Игоревна", "1990-01-01"));
  const auto wrong_initial = score_pair(person("a", "Иванова", "А.", "И.", "1990-01-01"),
                                        person("b", "Иванова", "Ольга", "Игоревна", "1990-01-01"));
  EXPECT_LT(initial.score, full.score);
  EXPECT_GE(initial.score, DuplicateSettings{}.person_threshold);
  EXPECT_LT(wrong_initial.score, DuplicateSettings{}.person_threshold);
}

TEST(DuplicatesFindDuplicates, FiltersRanksCapsAndSkipsItself) {
  const auto candidate = person("new", "Кузнецова", "Наталья", "Андреевна", "1988-01-05");
  const std::vector<PersonIdentity> existing{
      person("p1", "Кузнецова", "Наталия", "", "1988-01-05"),
      person("p2", "Кузнецова", "Наталья", "Андреевна", "1988-01-05"),
      person("p3", "Кузнецова", "Наталья", "Андреевна", "1962-07-30"),
      person("new", "Кузнецова", "Наталья", "Андреевна", "1988-01-05"),
      person("p4", "Kuznetsova", "Natalya", "Andreyevna", "1988-01-05"),
  };
  DuplicateSettings settings;
  auto found = find_duplicates(candidate, existing, settings);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].id, "p2");
  EXPECT_EQ(found[1].id, "p4");
  EXPECT_EQ(found[2].id, "p1");
  EXPECT_GE(found[1].score, found[2].score);

  settings.max_results = 1;
  found = find_duplicates(candidate, existing, settings);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "p2");
}

TEST(DuplicatesFindDuplicates, NothingToCompareFindsNothing) {
  EXPECT_TRUE(find_duplicates(person("a", "Иванов", "Иван", ""), {}, DuplicateSettings{}).empty());
  const std::vector<PersonIdentity> existing{person("b", "", "", "")};
  EXPECT_TRUE(find_duplicates(person("a", "", "", ""), existing, DuplicateSettings{}).empty());
}

TEST(DuplicatesAddresses, CompareSameSimilarAndOther) {
  EXPECT_EQ(compare_addresses("г. Самара, ул. Победы, д. 86, кв. 3", "Самара, улица Победы 86-3"), AddressMatch::same);
  EXPECT_EQ(compare_addresses("пр-т Мира, д. 7, кв. 52", "Prospekt Mira 7 kv 52"), AddressMatch::same);
  EXPECT_EQ(compare_addresses("ул. Ленина, д. 5, кв. 12", "ул Ленина д 5 кв 14"), AddressMatch::similar);
  EXPECT_EQ(compare_addresses("ул. Ленина, д. 5, кв. 12", "ул. Ленина, д. 5"), AddressMatch::similar);
  EXPECT_EQ(compare_addresses("ул. Ленина, д. 5, кв. 12", "ул. Ленина, д. 7, кв. 12"), AddressMatch::none);
  EXPECT_EQ(compare_addresses("ул. Ленина, д. 5", "ул. Гагарина, д. 5"), AddressMatch::none);
  EXPECT_EQ(compare_addresses("", "ул. Гагарина, д. 5"), AddressMatch::none);
}

TEST(DuplicatesBlockingKeys, SwappedNamesShareTheNameKey) {
  const auto a = blocking_keys(person("a", "Попова", "Марина", "", "1983-09-30"));
  const auto b = blocking_keys(person("b", "Марина", "Попова", "", ""));
  EXPECT_EQ(a.front(), "n:mar|pop");
  EXPECT_EQ(b.front(), "n:mar|pop");
  EXPECT_NE(std::find(a.begin(), a.end(), "b:1983-09-30"), a.end());
  EXPECT_TRUE(blocking_keys(person("c", "", "", "")).empty());
}

TEST(DuplicatesBlockingKeys, ForeignWordsKeepTheirKeysApart) {
  const auto a = blocking_keys(person("a", "Иванов", "Сергей", "", "1980-05-05"));
  const auto b = blocking_keys(person("b", "Петрова", "Анна", "", "1971-02-03"));
  for (const auto& key : a) {
    EXPECT_EQ(std::find(b.begin(), b.end(), key), b.end()) << key;
  }
}

HouseholdIdentity household(std::string id, std::string address, std::vector<PersonIdentity> members) {
  return HouseholdIdentity{std::move(id), std::move(address), std::move(members)};
}

TEST(DuplicatesHouseholds, SameAddressOrMatchingMemberIsFlagged) {
  const auto candidate = household(
      "new", "г. Тула, ул. Оружейная, д. 4, кв. 17",
      {person("c1", "Smirnova", "Alyona", "", "1992-07-19"), person("c2", "Смирнов", "Кирилл", "", "2016-03-01")});
  const std::vector<HouseholdIdentity> existing{
      household("same_flat", "Тула, Оружейная 4-17", {person("m1", "Петров", "Иван", "Ильич", "1950-01-01")}),
      household("moved", "г. Тула, ул. Металлистов, д. 1",
                {person("m2", "Смирнова", "Алёна", "Викторовна", "1992-07-19"),
                 person("m3", "Смирнов", "Кирилл", "Олегович", "2016-03-01")}),
      household("both", "Тула, ул. Оружейная, д. 4, кв. 17",
                {person("m4", "Смирнова", "Алена", "Викторовна", "1992-07-19")}),
      household("neighbours", "Тула, ул. Оружейная, д. 4, кв. 18", {person("m5", "Орлов", "Пётр", "", "1970-01-01")}),
      household("other", "Тула, ул. Советская, д. 9", {person("m6", "Орлова", "Анна", "", "1975-01-01")}),
  };
  const auto found = find_household_duplicates(candidate, existing, DuplicateSettings{});
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].id, "both");
  EXPECT_EQ(found[0].reasons, (std::vector{DuplicateReason::same_birth_date, DuplicateReason::name_transliterated,
                                           DuplicateReason::same_address}));
  ASSERT_EQ(found[0].members.size(), 1u);
  EXPECT_EQ(found[0].members[0].candidate_id, "c1");
  EXPECT_EQ(found[0].members[0].existing_id, "m4");
  EXPECT_EQ(found[1].id, "moved");
  EXPECT_EQ(found[1].members.size(), 2u);
  EXPECT_EQ(found[2].id, "same_flat");
  EXPECT_TRUE(found[2].members.empty());
  EXPECT_EQ(found[2].reasons, std::vector{DuplicateReason::same_address});
}

TEST(DuplicatesHouseholds, KeysCoverAddressAndMembers) {
  const auto keys = household_blocking_keys(
      household("h", "г. Тула, ул. Оружейная, д. 4, кв. 17", {person("c1", "Смирнова", "Алёна", "", "1992-07-19")}));
  EXPECT_NE(std::find(keys.begin(), keys.end(), "a:tula:4"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "b:1992-07-19"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "n:ale|smi"), keys.end());
}

TEST(DuplicatesReason, NamesAreStable) {
  EXPECT_EQ(to_string(DuplicateReason::same_birth_date), "same_birth_date");
  EXPECT_EQ(to_string(DuplicateReason::first_last_swapped), "first_last_swapped");
  EXPECT_EQ(to_string(DuplicateReason::similar_address), "similar_address");
}

} // namespace
} // namespace patronage::domain

namespace patronage::domain {
namespace {

TEST(DuplicatesSnils, TheSameSnilsIsACertainMatchWhateverTheNames) {
  auto a = person("a", "Иванова", "Мария", "Петровна", "1990-01-01");
  auto b = person("b", "Petrova", "Maria", "", "1991-05-05"); // married name, another birth date typed
  a.snils = b.snils = "11223344595";
  const auto match = score_pair(a, b);
  EXPECT_DOUBLE_EQ(match.score, 1.0);
  ASSERT_FALSE(match.reasons.empty());
  EXPECT_EQ(match.reasons.front(), DuplicateReason::same_snils);
}

TEST(DuplicatesSnils, DifferentSnilsAreTwoPeople) {
  auto a = person("a", "Иванова", "Мария", "Петровна", "1990-01-01");
  auto b = person("b", "Иванова", "Мария", "Петровна", "1990-01-01");
  a.snils = "11223344595";
  b.snils = "99999999901";
  EXPECT_LT(score_pair(a, b).score, DuplicateSettings{}.person_threshold);
}

TEST(DuplicatesSnils, TheSnilsIsABlockingKey) {
  auto a = person("a", "Иванова", "Мария", "");
  a.snils = "11223344595";
  const auto keys = blocking_keys(a);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "s:11223344595"), keys.end());
}

} // namespace
} // namespace patronage::domain
