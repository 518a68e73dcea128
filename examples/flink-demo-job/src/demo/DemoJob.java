package demo;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A generated stream of numbers 0..count-1 at a limited rate, mapped and discarded.
 *
 * <p>Every argument main() received is registered as a global job parameter (arg.0, arg.1, ...,
 * arg.count, entry_class) together with the configuration it saw (config.KEY), so
 * GET /jobs/{jid}/config shows them under execution-config.user-config. See README.md.
 */
public class DemoJob {

    public static void main(String[] args) throws Exception {
        long count = 1000;
        double rate = 100;
        String name = "flink-demo-job";
        long failAt = -1;
        String requireClass = null;
        String requireFile = null;
        String requireCached = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--count": count = Long.parseLong(value(args, ++i)); break;
                case "--rate": rate = Double.parseDouble(value(args, ++i)); break;
                case "--name": name = value(args, ++i); break;
                case "--fail-at": failAt = Long.parseLong(value(args, ++i)); break;
                case "--fail-in-main": throw new IllegalArgumentException(value(args, ++i));
                case "--require-class": requireClass = value(args, ++i); break;
                case "--require-file": requireFile = value(args, ++i); break;
                case "--require-cached": requireCached = value(args, ++i); break;
                default: break; // anything else is only recorded
            }
        }
        if (count < 0 || rate <= 0) {
            throw new IllegalArgumentException("--count must be >= 0 and --rate > 0");
        }
        if (requireClass != null) {
            Class.forName(requireClass, false, Thread.currentThread().getContextClassLoader());
        }

        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("entry_class", DemoJob.class.getName());
        seen.put("arg.count", Integer.toString(args.length));
        for (int i = 0; i < args.length; i++) {
            seen.put("arg." + i, args[i]);
        }
        seen.put("main.user.dir", System.getProperty("user.dir"));
        System.out.println("DemoJob.main " + seen);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        seen.put("main.parallelism", Integer.toString(env.getParallelism()));
        // The effective configuration main() sees: the cluster's plus the run request's flinkConfiguration.
        for (Map.Entry<String, String> e : new TreeMap<>(env.getConfiguration().toMap()).entrySet()) {
            if (!e.getKey().startsWith("env.java.opts")) {
                seen.put("config." + e.getKey(), e.getValue());
            }
        }
        Configuration params = new Configuration();
        params.set(PipelineOptions.GLOBAL_JOB_PARAMETERS, seen);
        env.configure(params);

        DataGeneratorSource<Long> source =
                new DataGeneratorSource<>(index -> index, count, RateLimiterStrategy.perSecond(rate), Types.LONG);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "generator").uid("generator")
                .map(new Step(failAt, requireClass, requireFile, requireCached)).uid("step").name("step")
                .sinkTo(new DiscardingSink<>()).uid("discard").name("discard");
        env.execute(name);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** Passes numbers through; fails on request; checks dependencies when the task opens. */
    public static class Step extends RichMapFunction<Long, Long> {
        private final long failAt;
        private final String requireClass;
        private final String requireFile;
        private final String requireCached;

        Step(long failAt, String requireClass, String requireFile, String requireCached) {
            this.failAt = failAt;
            this.requireClass = requireClass;
            this.requireFile = requireFile;
            this.requireCached = requireCached;
        }

        @Override
        public void open(OpenContext context) throws Exception {
            String cwd = System.getProperty("user.dir");
            if (requireClass != null) {
                try {
                    Class.forName(requireClass, false, getRuntimeContext().getUserCodeClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("class " + requireClass + " is not on the task's classpath", e);
                }
            }
            if (requireFile != null && !new File(requireFile).isFile()) {
                throw new IllegalStateException("no file " + requireFile + " in the task's working directory " + cwd);
            }
            if (requireCached != null) {
                File f = getRuntimeContext().getDistributedCache().getFile(requireCached);
                if (!f.isFile()) {
                    throw new IllegalStateException("cached file " + requireCached + " missing at " + f);
                }
                System.out.println("DemoJob.Step cached file " + requireCached + " at " + f);
            }
            System.out.println("DemoJob.Step open in " + cwd);
        }

        @Override
        public Long map(Long value) {
            if (value == failAt) {
                throw new IllegalStateException("DemoJob failed on purpose at record " + value + " (--fail-at)");
            }
            return value;
        }
    }
}
