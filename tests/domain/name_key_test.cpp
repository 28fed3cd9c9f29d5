#include "domain/name_key.hpp"

#include <gtest/gtest.h>
#include <string>
#include <thread>

namespace patronage::domain {
namespace {

TEST(NameKeyFoldCase, LowersFoldsYoAndNormalisesSeparators) {
  EXPECT_EQ(fold_case("  АЛЁНА "), "алена");
  EXPECT_EQ(fold_case("Римская-Корсакова"), "римская корсакова");
  EXPECT_EQ(fold_case("Римская  Корсакова"), "римская корсакова");
  EXPECT_EQ(fold_case("O’Brien"), "obrien");
  EXPECT_EQ(fold_case(""), "");
}

TEST(NameKeyFoldName, TransliteratesCyrillicByBgn) {
  EXPECT_EQ(fold_name("Щербакова"), "shcherbakova");
  EXPECT_EQ(fold_name("Хабибуллин"), "khabibullin");
  EXPECT_EQ(fold_name("Воробьёва"), "vorobyeva");
  EXPECT_EQ(fold_name("Алёна"), "alena");
  EXPECT_EQ(fold_name("Алена"), "alena");
  EXPECT_EQ(fold_name("Подъячев"), "podyachev");
  EXPECT_EQ(fold_name("Римская-Корсакова"), "rimskaya korsakova");
}

TEST(NameKeyFoldName, KeepsLatinAndStripsDiacritics) {
  EXPECT_EQ(fold_name("Shcherbakova"), "shcherbakova");
  EXPECT_EQ(fold_name("Vorob'yeva"), "vorobyeva");
  EXPECT_EQ(fold_name("Müller-Lüdenscheidt"), "muller ludenscheidt");
  EXPECT_EQ(fold_name("  "), "");
}

TEST(NameKeyFoldName, DropsInvalidUtf8) {
  EXPECT_EQ(fold_name("Ol\xff"
                      "ga"),
            "olga");
}

TEST(NameKeySkeleton, UnifiesTransliterationSystems) {
  const std::vector<std::vector<std::string>> same{
      {"Юлия", "Yuliya", "Iuliia", "Julia", "Yulia"},
      {"Наталья", "Наталия", "Natalya", "Nataliya", "Natalja", "Natalia"},
      {"Хабибуллин", "Khabibullin", "Habibulin"},
      {"Цветкова", "Tsvetkova", "Cvetkova", "Tzvetkova"},
      {"Щербакова", "Shcherbakova", "Scherbakova"},
      {"Фёдоров", "Федоров", "Fedorov", "Fyodorov", "Fiodorov"},
      {"Алёна", "Алена", "Alena", "Alyona", "Aljona"},
      {"Евгений", "Yevgeniy", "Evgenii", "Evgeny", "Evgenij"},
      {"Ксения", "Kseniya", "Ksenia", "Xenia"},
      {"Воробьёва", "Vorobeva", "Vorobyova", "Vorobieva"},
      {"Сергеевич", "Sergeyevich", "Sergeevich"},
      {"Зайцева", "Zaytseva", "Zaitseva", "Zajceva"},
      {"Дмитрий", "Dmitriy", "Dmitrii", "Dmitry", "Dmitrij"},
  };
  for (const auto& group : same) {
    for (const auto& name : group) {
      EXPECT_EQ(name_skeleton(name), name_skeleton(group.front())) << name << " vs " << group.front();
    }
  }
}

TEST(NameKeySkeleton, KeepsDifferentNamesApart) {
  EXPECT_NE(name_skeleton("Яна"), name_skeleton("Анна"));
  EXPECT_NE(name_skeleton("Юлия"), name_skeleton("Юлиана"));
  EXPECT_NE(name_skeleton("Алёна"), name_skeleton("Елена"));
  EXPECT_NE(name_skeleton("Шилов"), name_skeleton("Жилов"));
  EXPECT_NE(name_skeleton("Иванов"), name_skeleton("Иванова"));
}

TEST(NameKeySkeleton, IgnoresSpacesHyphensAndDoubledLetters) {
  EXPECT_EQ(name_skeleton("Римская-Корсакова"), name_skeleton("Римская Корсакова"));
  EXPECT_EQ(name_skeleton("Филиппов"), name_skeleton("Филипов"));
  EXPECT_EQ(name_skeleton(""), "");
}

TEST(NameKeyAddress, UnifiesAbbreviations) {
  EXPECT_EQ(fold_address("г. Самара, улица Победы, д. 86, кв. 3"), "g samara ul pobedy d 86 kv 3");
  EXPECT_EQ(fold_address("Самара, ул.Победы, дом 86, квартира 3"), "samara ul pobedy d 86 kv 3");
  EXPECT_EQ(fold_address("пр-т Мира, д. 5-а, корп. 2"), "pr mira d 5a k 2");
  EXPECT_EQ(fold_address("проспект Мира, 5а, корпус 2"), "pr mira 5a k 2");
  EXPECT_EQ(fold_address("Prospekt Mira 5a"), "pr mira 5a");
  EXPECT_EQ(fold_address("Победы 86-3"), "pobedy 86 3");
  EXPECT_EQ(fold_address("Советский р-н, пос. Лесной, № 4"), "sovetskiy rn pos lesnoy 4");
  EXPECT_EQ(fold_address("Смоленский переулок, дом 2"), "smolenskiy per d 2");
  EXPECT_EQ(fold_address("Красная площадь, 1"), "krasnaya pl 1");
  EXPECT_EQ(fold_address(""), "");
}

TEST(NameKeyAddress, RecognisesTypeWords) {
  EXPECT_TRUE(is_address_type_word("ul"));
  EXPECT_TRUE(is_address_type_word("kv"));
  EXPECT_FALSE(is_address_type_word("lenina"));
  EXPECT_FALSE(is_address_type_word("12"));
}

TEST(NameKeyThreads, EachThreadTransliterates) {
  std::string from_thread;
  std::thread worker([&] { from_thread = fold_name("Щербакова"); });
  const auto from_main = fold_name("Щербакова");
  worker.join();
  EXPECT_EQ(from_thread, from_main);
}

} // namespace
} // namespace patronage::domain
