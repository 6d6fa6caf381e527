// Store::transaction(): commit, rollback on error and on exception, joining, isolation.
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

#include "store_fixture.h"

namespace congtin::store {
namespace {

using testing::error_kind;
using testing::StoreTest;

using TransactionTest = StoreTest;

TEST_F(TransactionTest, CommitsWhenFnSucceeds) {
  Status s = store().transaction([&]() -> Status {
    create(article("mot", 0, 1000));
    create(article("hai", 0, 1000));
    return {};
  });
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_TRUE(store().articles().slug_taken("mot").value());
  EXPECT_TRUE(store().articles().slug_taken("hai").value());
}

TEST_F(TransactionTest, RollsBackAndReturnsFnsError) {
  Status s = store().transaction([&]() -> Status {
    create(article("mot", 0, 1000));
    return Error::invalid("Tiêu đề không được để trống");
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(error_kind(s), ErrorKind::kInvalidArgument);
  EXPECT_EQ(s.error().message, "Tiêu đề không được để trống");
  EXPECT_FALSE(store().articles().slug_taken("mot").value());
}

TEST_F(TransactionTest, RollsBackAndRethrowsOnException) {
  EXPECT_THROW(store().transaction([&]() -> Status {
    create(article("mot", 0, 1000));
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  EXPECT_FALSE(store().articles().slug_taken("mot").value());
  // The thread's connection is usable again for a new transaction.
  EXPECT_TRUE(store()
                  .transaction([&]() -> Status {
                    create(article("hai", 0, 1000));
                    return {};
                  })
                  .ok());
  EXPECT_TRUE(store().articles().slug_taken("hai").value());
}

TEST_F(TransactionTest, AFailedCallInsideDoesNotUndoTheOthers) {
  Status s = store().transaction([&]() -> Status {
    create(article("mot", 0, 1000));
    auto dup = store().articles().create(article("mot", 0, 1000));
    EXPECT_EQ(error_kind(dup), ErrorKind::kConflict);
    create(article("ba", 0, 1000));
    return {};
  });
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(store().articles().slug_taken("mot").value());
  EXPECT_TRUE(store().articles().slug_taken("ba").value());
}

TEST_F(TransactionTest, IsNotReentrant) {
  Status s = store().transaction([&]() -> Status {
    create(article("ngoai", 0, 1000));
    Status inner = store().transaction([] { return Status{}; });
    EXPECT_FALSE(inner.ok());
    EXPECT_EQ(error_kind(inner), ErrorKind::kInternal);
    return {};
  });
  EXPECT_TRUE(s.ok());
  EXPECT_TRUE(store().articles().slug_taken("ngoai").value());
}

TEST_F(TransactionTest, OtherThreadsDoNotSeeUncommittedWrites) {
  std::int64_t seen_inside = -1;
  Status s = store().transaction([&]() -> Status {
    create(article("mot", 0, 1000));
    std::thread reader([&] {
      auto n = store().articles().count_published({}, testing::at(2000));
      seen_inside = n.ok() ? *n : -2;
    });
    reader.join();
    return {};
  });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(seen_inside, 0);
  EXPECT_EQ(*store().articles().count_published({}, testing::at(2000)), 1);
}

}  // namespace
}  // namespace congtin::store
