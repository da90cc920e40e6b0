package dev.lockstep.benchmarks.window;

import dev.lockstep.window.BoundedWindow;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.IntUnaryOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ways a user maps a blocking function over items with at most {@code k} in flight, each
 * returning the results in a list. Blocking peers get the same threads BoundedWindow uses by
 * default (virtual threads), except {@code invokeAll}, which gets its classic fixed pool of {@code
 * k} platform threads; Reactor and RxJava run each call on a virtual-thread scheduler, so that
 * their schedulers' thread caps (boundedElastic: 10 per core) do not decide the result.
 */
enum Peer {
  SERIAL("serial loop", true) {
    @Override
    List<Integer> map(List<Integer> items, int k, IntUnaryOperator f) {
      List<Integer> out = new ArrayList<>(items.size());
      for (int i : items) {
        out.add(f.applyAsInt(i));
      }
      return out;
    }
  },
  WINDOW_ORDERED("BoundedWindow ordered", true) {
    @Override
    List<Integer> map(List<Integer> items, int k, IntUnaryOperator f) {
      return BoundedWindow.of(k).map(items, f::applyAsInt);
    }
  },
  WINDOW_UNORDERED("BoundedWindow unordered", false) {
    @Override
    List<Integer> map(List<Integer> items, int k, IntUnaryOperator f) {
      return BoundedWindow.of(k).unordered().map(items, f::applyAsInt);
    }
  },
  INVOKE_ALL("ExecutorService(k) + invokeAll", true) {
    @Override
    List<Integer> map(List<Integer> items, int k, IntUnaryOperator f) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(k);
      try {
        List<Callable<Integer>> tasks = new ArrayList<>(items.size());
        for (int i : items) {
          tasks.add(() -> f.applyAsInt(i));
        }
        List<Integer> out = new ArrayList<>(items.size());
        for (Future<Integer> r : pool.invokeAll(tasks)) {
          out.add(r.get());
        }
        return out;
      } finally {
        pool.shutdownNow();
      }
    }
  },
  VIRTUAL_SEMAPHORE("virtual threads + Semaphore", true) {
    @Override
    List<Integer> map(List<Integer> items, int k, IntUnaryOperator f) throws Exception {
      Semaphore permits = new Semaphore(k);
      try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Integer>> futures = new ArrayList<>(items.size());
        for (int i : items) {
          futures.add(
              vt.submit(
                  () -> {
                    permits.acquire();
                    try {
                      return f.applyAsInt(i);
                    } finally {
                      permits.release();
                    }
                  }));
        }
        return collect(futures);
      }
    }
  },
  CF_SEMAPHORE("CompletableFuture + Semaphore", true) {
    @Override
    List<Integer> map(List<Integer> items, int k, IntUnaryOperator f) throws Exception {
      // The caller takes a permit before each submission: bounded in flight and in memory.
      Semaphore permits = new Semaphore(k);
      try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(items.size());
        for (int i : items) {
          permits.acquire();
          futures.add(
              CompletableFuture.supplyAsync(() -> f.applyAsInt(i), vt)
                  .whenComplete((r, t) -> permits.release()));
        }
        return collect(futures);
      }
    }
  },
  REACTOR_FLATMAP("Reactor flatMap(f, k)", false) {
    @Override
    List<Integer> map(List<Integer> items, int k, IntUnaryOperator f) {
      reactor.core.scheduler.Scheduler s = Schedulers.reactor();
      return Flux.fromIterable(items)
          .flatMap(i -> Mono.fromCallable(() -> f.applyAsInt(i)).subscribeOn(s), k)
          .collectList()
          .block();
    }
  },
  REACTOR_FLATMAP_SEQUENTIAL("Reactor flatMapSequential(f, k)", true) {
    @Override
    List<Integer> map(List<Integer> items, int k, IntUnaryOperator f) {
      reactor.core.scheduler.Scheduler s = Schedulers.reactor();
      return Flux.fromIterable(items)
          .flatMapSequential(i -> Mono.fromCallable(() -> f.applyAsInt(i)).subscribeOn(s), k)
          .collectList()
          .block();
    }
  },
  RX_FLATMAP("RxJava flatMap(f, false, k)", false) {
    @Override
    List<Integer> map(List<Integer> items, int k, IntUnaryOperator f) {
      Scheduler s = Schedulers.rx();
      return Flowable.fromIterable(items)
          .flatMap(i -> Flowable.fromCallable(() -> f.applyAsInt(i)).subscribeOn(s), false, k)
          .toList()
          .blockingGet();
    }
  };

  final String label;
  final boolean ordered;

  Peer(String label, boolean ordered) {
    this.label = label;
    this.ordered = ordered;
  }

  abstract List<Integer> map(List<Integer> items, int k, IntUnaryOperator f) throws Exception;

  private static List<Integer> collect(List<? extends Future<Integer>> futures)
      throws InterruptedException, ExecutionException {
    List<Integer> out = new ArrayList<>(futures.size());
    for (Future<Integer> r : futures) {
      out.add(r.get());
    }
    return out;
  }

  /** Reactor and RxJava schedulers backed by virtual threads, one per JVM. */
  static final class Schedulers {
    private static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();
    private static final reactor.core.scheduler.Scheduler REACTOR =
        reactor.core.scheduler.Schedulers.fromExecutorService(VIRTUAL, "virtual");
    private static final Scheduler RX = io.reactivex.rxjava3.schedulers.Schedulers.from(VIRTUAL);

    private Schedulers() {}

    static reactor.core.scheduler.Scheduler reactor() {
      return REACTOR;
    }

    static Scheduler rx() {
      return RX;
    }
  }
}
