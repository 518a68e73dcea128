//! The Chinese for every English text the domain and the server write for people: field labels
//! and help, statuses, groups, and every error message. English is the key (as in gettext); a
//! message formatted with values has `{}` where they go, and its Chinese may reorder them with
//! `{0}`, `{1}`. Terms follow Huawei's Chinese DLI console (`docs/i18n.md`).

use super::template::{fill, values_in};

/// (English, Chinese) pairs: the form's words (its groups, field labels and help, rules and
/// counts). Fixed texts first, then formatted ones; `lookup` tries them in order, so a fixed
/// text wins over a template that would also match it, and a specific template must come
/// before a looser one (`coverage` checks that each entry finds itself).
const FORM: &[(&str, &str)] = &[
    // The form's groups (`domain::FORM_GROUPS`).
    ("The job", "基本信息"),
    ("The code", "作业代码"),
    ("Resources", "资源"),
    ("Fault tolerance", "容错"),
    ("Logs and alerts", "日志与告警"),
    ("Advanced", "高级配置"),
    // Field labels and help (`domain::FIELDS`), in form order.
    ("Job name", "作业名称"),
    (
        "Up to 57 letters, digits, _ and -, to find the job again.",
        "最多 57 个字符，可含字母、数字、_ 和 -，便于以后查找作业。",
    ),
    ("Description", "描述"),
    (
        "Optional notes on what the job does, up to 512 characters.",
        "可选，说明作业的用途，最多 512 个字符。",
    ),
    ("Queue", "所属队列"),
    (
        "The dedicated DLI queue (type general) that runs the job.",
        "运行作业的 DLI 专属队列（通用队列）。",
    ),
    ("Main JAR", "应用程序"),
    (
        "The JAR with the main class: obs://bucket/path/app.jar or a DLI package such as group/app.jar.",
        "包含主类的 JAR：OBS 上的路径，或 DLI 程序包（可带分组名）。",
    ),
    ("Main class", "主类"),
    (
        "The class whose main() starts the job, e.g. com.example.Main; empty uses the JAR manifest.",
        "作业的入口类，需带包路径；留空则使用 JAR 包清单文件中指定的主类。",
    ),
    ("Arguments", "参数"),
    (
        "Arguments for main(), separated by spaces, e.g. -windowSize 2000 -rate 3.",
        "入口类的参数列表，参数之间用空格分隔。",
    ),
    ("Dependency JARs", "依赖jar包"),
    (
        "More JARs for the classpath, one per row, written like the main JAR.",
        "作业依赖的其他 JAR，将放至类路径下；每行一个，写法同应用程序。",
    ),
    ("Dependency files", "其他依赖文件"),
    (
        "Files the job reads, one per row; load them with getResource(\"userData/<file name>\").",
        "作业读取的文件，每行一个；在代码中用 getResource(\"userData/<文件名>\") 加载。",
    ),
    ("CUs", "CU数量"),
    (
        "Compute units for the whole job (1 CU = 1 vCPU and 4 GB), 2 to 400; DLI's default is 2.",
        "整个作业的计算单元（1 CU = 1 核 4 GB），取值 2~400；DLI 默认值为 2。",
    ),
    ("JobManager CUs", "管理单元"),
    (
        "CUs the JobManager takes from the total; DLI's default is 1.",
        "JobManager 从总 CU 数量中占用的 CU 数；DLI 默认值为 1。",
    ),
    ("Parallelism", "并行数"),
    (
        "Parallel instances of each operator, 1 to 2000; DLI's default is 1.",
        "作业中每个算子的并行数，取值 1~2000；DLI 默认值为 1。",
    ),
    ("CUs per TaskManager", "单TM所占CU数"),
    (
        "CUs each TaskManager gets; DLI's default is 1.",
        "每个 TaskManager 占用的 CU 数；DLI 默认值为 1。",
    ),
    ("Slots per TaskManager", "单TM Slot数"),
    (
        "Task slots in each TaskManager; empty lets DLI derive it from the CUs and parallelism.",
        "每个 TaskManager 包含的 Slot 数量；留空则由 DLI 根据 CU 数量和并行数计算。",
    ),
    ("Restart on failure", "异常自动重启"),
    (
        "Restart the job automatically when it fails.",
        "作业异常时自动重启作业。",
    ),
    ("Resume from checkpoint", "从Checkpoint恢复"),
    (
        "On an automatic restart, continue from the latest checkpoint instead of from scratch.",
        "自动重启时从最近的 Checkpoint 恢复，而不是从头开始。",
    ),
    ("Restarts per hour", "异常重试最大次数"),
    (
        "The most automatic restarts in one hour; -1 (DLI's default) means no limit.",
        "每小时最多自动重启的次数；-1（DLI 默认值）表示无限次。",
    ),
    ("Enable checkpoints", "开启Checkpoint"),
    (
        "Let DLI checkpoint the job's state at a fixed interval.",
        "由 DLI 按固定间隔为作业状态创建 Checkpoint。",
    ),
    ("Checkpoint mode", "Checkpoint模式"),
    (
        "The guarantee for processed records: exactly once (DLI's default) or at least once.",
        "数据处理的语义保证：精确一次（DLI 默认值）或至少一次。",
    ),
    ("Checkpoint interval (s)", "Checkpoint间隔（秒）"),
    (
        "Seconds between checkpoints, 1 to 3600; DLI's default is 10.",
        "两次 Checkpoint 之间的秒数，取值 1~3600；DLI 默认值为 10。",
    ),
    ("Checkpoint path", "Checkpoint路径"),
    (
        "Where your JAR keeps its own checkpoints, one path per job; needed to resume without DLI checkpoints.",
        "JAR 自行保存 Checkpoint 的位置，不同作业的路径不可相同；不开启 DLI 的 Checkpoint 而要恢复时必填。",
    ),
    ("Save job logs to OBS", "保存作业日志"),
    (
        "Keep the job's logs in an OBS bucket that DLI may write to.",
        "将作业日志保存到 DLI 有权写入的 OBS 桶。",
    ),
    ("Log bucket", "OBS桶"),
    (
        "The bucket's name alone (no obs://): 3 to 63 lowercase letters, digits, dots and dashes.",
        "只填桶名，不含 OBS 路径前缀：3~63 个小写字母、数字、点或中划线。",
    ),
    ("Alert topic", "SMN主题"),
    (
        "An SMN topic whose subscribers hear when the job fails.",
        "作业异常时，向该 SMN 主题的订阅者推送告警信息。",
    ),
    ("Flink image", "作业特性"),
    (
        "basic runs DLI's own Flink image; custom runs an image of yours.",
        "基础型使用 DLI 提供的 Flink 镜像；自定义镜像使用您自己的镜像。",
    ),
    ("Flink version", "Flink版本"),
    (
        "The DLI Flink version for the basic image, such as 1.15 or 1.17.",
        "基础型镜像使用的 DLI Flink 版本，如 1.15 或 1.17。",
    ),
    ("Custom image", "自定义镜像"),
    (
        "Your image for the custom feature, as organization/image:tag.",
        "作业特性为自定义镜像时使用的镜像，格式为：组织名/镜像名:镜像版本。",
    ),
    ("Flink options", "优化参数"),
    (
        "Flink configuration options for this job only, one key and value per row.",
        "仅对本作业生效的 Flink 配置项，每行一个键和值。",
    ),
    ("Option", "配置项"),
    (
        "A Flink configuration key, e.g. taskmanager.memory.network.fraction.",
        "Flink 配置项的键，写法与 Flink 配置文件中相同。",
    ),
    ("Value", "值"),
    ("The value for that option.", "该配置项的值。"),
    ("Log levels", "日志级别配置"),
    (
        "How much the job's Flink logs record, overall and per logger.",
        "作业的 Flink 日志记录的详细程度，可全局设置，也可按日志记录器设置。",
    ),
    ("Root log level", "根日志级别"),
    (
        "The level of every logger not listed below: TRACE, DEBUG, INFO, WARN or ERROR.",
        "下方未列出的所有日志记录器使用的级别。",
    ),
    ("Logger", "类/包名"),
    (
        "A logger name, usually a package or class, e.g. org.apache.flink.",
        "日志记录器的名称，通常为包名或类名。",
    ),
    ("Level", "级别"),
    ("The level for that logger.", "该日志记录器的级别。"),
    ("Agency", "委托"),
    (
        "An IAM agency that lets the job use your other cloud services (Flink 1.15 and later).",
        "授权作业访问您其他云服务的 IAM 委托（Flink 1.15 及以上版本）。",
    ),
    ("Resource model", "资源配置版本"),
    (
        "v1 sizes the job in CUs; v2 sets CPU and memory per JobManager and TaskManager.",
        "v1 按 CU 数量分配作业资源；v2 分别设置 JobManager 和每个 TaskManager 的 CPU 与内存。",
    ),
    ("Slots per TaskManager (v2)", "单TM Slot数（v2）"),
    (
        "Task slots in each TaskManager; DLI's default is 1.",
        "每个 TaskManager 包含的 Slot 数量；DLI 默认值为 1。",
    ),
    ("Parallelism (v2)", "并行数（v2）"),
    ("JobManager vCPUs", "JobManager CPU（核）"),
    (
        "CPU cores for the JobManager, at least 0.5; DLI's default is 1.",
        "JobManager 的 CPU 核数，至少 0.5；DLI 默认值为 1。",
    ),
    ("JobManager memory", "JobManager内存"),
    (
        "Such as 4GB or 4096MB (a bare number means GB), at least 2GB; DLI's default is 4GB.",
        "如 4GB 或 4096MB（只写数字时单位为 GB），至少 2GB；DLI 默认值为 4GB。",
    ),
    ("TaskManager vCPUs", "TaskManager CPU（核）"),
    (
        "CPU cores for each TaskManager, at least 0.5; DLI's default is 1.",
        "每个 TaskManager 的 CPU 核数，至少 0.5；DLI 默认值为 1。",
    ),
    ("TaskManager memory", "TaskManager内存"),
    ("Tags", "标签"),
    (
        "Up to 20 key/value labels to find and bill the job by.",
        "最多 20 个键值对标签，用于查找作业和归集费用。",
    ),
    ("Tag key", "标签键"),
    (
        "1 to 36 letters, digits, spaces and _ . : + - @, not starting with _sys_.",
        "1~36 个字符，可含字母、数字、空格和 _ . : + - @，不能以 _sys_ 开头。",
    ),
    ("Tag value", "标签值"),
    (
        "1 to 43 letters, digits, spaces and _ . : + - @.",
        "1~43 个字符，可含字母、数字、空格和 _ . : + - @。",
    ),
    // The rows of the list editors (`domain::row_lists`): a choice, and what one row is.
    ("Choose a level", "请选择级别"),
    ("file", "文件"),
    ("option", "配置项"),
    ("logger", "日志记录器"),
    ("tag", "标签"),
    // A checkbox's value in a list of changes (`domain::form_changes`).
    ("yes", "是"),
    ("no", "否"),
    // One of a count in the sizing hint (`domain::estimate`); the plurals are templates at the
    // end. "1 CU" reads the same in Chinese.
    ("1 TaskManager", "1 个 TaskManager"),
    ("1 slot", "1 个 Slot"),
    // The form's rules (`domain::parse`, `domain::limits`).
    ("Give the job a name.", "请填写作业名称。"),
    (
        "Choose the queue that runs the job.",
        "请选择运行作业的队列。",
    ),
    (
        "Give the JAR with the main class: obs://bucket/path/app.jar or group/app.jar.",
        "请填写包含主类的 JAR：OBS 上的路径或 DLI 程序包名。",
    ),
    (
        "From Flink 1.15 on, DLI reads JARs and files only from OBS: use obs://bucket/path.",
        "从 Flink 1.15 起，DLI 只从 OBS 读取 JAR 和文件：请使用 obs://桶名/路径。",
    ),
    (
        "Give the OBS bucket for the logs, or untick \u{201c}Save job logs to OBS\u{201d}.",
        "请填写保存日志的 OBS 桶，或取消勾选“保存作业日志”。",
    ),
    (
        "Tick \u{201c}Save job logs to OBS\u{201d} to use this bucket, or clear it.",
        "请勾选“保存作业日志”以使用此 OBS 桶，或将其清空。",
    ),
    (
        "Use obs://bucket/path/name.jar or a DLI package such as name.jar or group/name.jar.",
        "请使用 obs://桶名/路径/文件名.jar，或 DLI 程序包，如 文件名.jar 或 分组名/文件名.jar。",
    ),
    (
        "Name a JAR: the file name must end in .jar.",
        "请指定 JAR 文件：文件名须以 .jar 结尾。",
    ),
    (
        "Use obs://bucket/path/file or a DLI package such as file.csv or group/file.csv.",
        "请使用 obs://桶名/路径/文件名，或 DLI 程序包，如 文件名.csv 或 分组名/文件名.csv。",
    ),
    (
        "Use only letters A-Z and a-z, digits, _ and -.",
        "只能使用英文字母、数字、_ 和 -。",
    ),
    (
        "Use a bucket name of 3 to 63 lowercase letters, digits, dots and dashes, starting and ending with a letter or digit.",
        "桶名须为 3~63 个小写字母、数字、点或中划线，并以字母或数字开头和结尾。",
    ),
    (
        "Put a letter or digit on both sides of every dot in a bucket name.",
        "桶名中每个点的两侧都须是字母或数字。",
    ),
    (
        "A bucket name cannot look like an IP address.",
        "桶名不能是 IP 地址的形式。",
    ),
    (
        "Use a topic name of letters, digits, - and _, starting with a letter or digit.",
        "主题名称只能包含字母、数字、- 和 _，并以字母或数字开头。",
    ),
    (
        "Use a Java class name such as com.example.Main.",
        "请使用 Java 类名，如 com.example.Main。",
    ),
    (
        "Use a logger name such as org.apache.flink.",
        "请使用日志记录器名称，如 org.apache.flink。",
    ),
    (
        "Use a Flink version such as 1.15 or 1.17.",
        "请使用 Flink 版本号，如 1.15 或 1.17。",
    ),
    (
        "Use an image such as organization/image:tag, optionally after a registry host.",
        "请使用“组织名/镜像名:镜像版本”格式的镜像，前面可加镜像仓库地址。",
    ),
    (
        "Enter a whole number of CUs from 2 to 400.",
        "请输入 2~400 之间的整数 CU 数量。",
    ),
    (
        "Enter a whole number of CUs from 1 to 399.",
        "请输入 1~399 之间的整数 CU 数量。",
    ),
    (
        "Enter a whole number from 1 to 2000.",
        "请输入 1~2000 之间的整数。",
    ),
    (
        "Enter a whole number of slots from 1 to 2000.",
        "请输入 1~2000 之间的整数 Slot 数量。",
    ),
    (
        "Not used with resource model v2: clear this, or choose v1.",
        "资源配置版本 v2 不使用此项：请清空此项，或选择 v1。",
    ),
    (
        "Used only with resource model v2: choose v2, or clear this.",
        "仅资源配置版本 v2 使用此项：请选择 v2，或清空此项。",
    ),
    ("Choose v1 or v2.", "请选择 v1 或 v2。"),
    (
        "Enter at least 0.5 vCPUs, such as 1 or 2.5.",
        "请输入至少 0.5 核，如 1 或 2.5。",
    ),
    (
        "Enter at least 2GB, such as 4GB or 4096MB.",
        "请输入至少 2GB，如 4GB 或 4096MB。",
    ),
    (
        "Enter -1 for no limit, or a number of restarts per hour above 0.",
        "请输入 -1（无限次），或大于 0 的每小时重启次数。",
    ),
    (
        "Enter a whole number of seconds from 1 to 3600.",
        "请输入 1~3600 之间的整数秒数。",
    ),
    (
        "Tick \u{201c}Restart on failure\u{201d} too, or clear this: it applies to automatic restarts.",
        "请同时勾选“异常自动重启”，或清空此项：此项仅用于自动重启。",
    ),
    (
        "Tick \u{201c}Enable checkpoints\u{201d} to use this, or clear it.",
        "请勾选“开启Checkpoint”后再使用此项，或将其清空。",
    ),
    (
        "Choose 1 (exactly once) or 2 (at least once).",
        "请选择 1（精确一次）或 2（至少一次）。",
    ),
    (
        "Give the path your JAR writes checkpoints to, or enable checkpoints, so that a restart has one to resume from.",
        "请填写 JAR 写入 Checkpoint 的路径，或开启 Checkpoint，以便重启时有可恢复的 Checkpoint。",
    ),
    (
        "A Flink version applies to the basic image only: choose basic, or clear this.",
        "Flink 版本仅适用于基础型镜像：请选择基础型，或清空此项。",
    ),
    (
        "An image applies to the custom feature only: choose custom, or clear this.",
        "镜像仅适用于自定义镜像：请选择自定义镜像，或清空此项。",
    ),
    ("Choose basic or custom.", "请选择基础型或自定义镜像。"),
    (
        "Choose the Flink version for DLI's basic image.",
        "请选择 DLI 基础型镜像的 Flink 版本。",
    ),
    (
        "Give the image for the custom feature.",
        "请填写自定义镜像。",
    ),
    (
        "Choose TRACE, DEBUG, INFO, WARN or ERROR.",
        "请选择 TRACE、DEBUG、INFO、WARN 或 ERROR。",
    ),
    ("Give the option's key.", "请填写配置项的键。"),
    ("Give the option a value.", "请填写配置项的值。"),
    (
        "Use an option key without spaces, such as state.backend.",
        "配置项的键不能含空格，如 state.backend。",
    ),
    (
        "Name the logger, e.g. org.apache.flink.",
        "请填写日志记录器名称，如 org.apache.flink。",
    ),
    (
        "Choose a level for this logger.",
        "请为此日志记录器选择级别。",
    ),
    ("Give the tag a key.", "请填写标签键。"),
    ("Give the tag a value.", "请填写标签值。"),
    (
        "Keys starting with _sys_ are reserved for the system.",
        "以 _sys_ 开头的键为系统保留。",
    ),
    (
        "Remove the spaces at the start and end.",
        "请删除首尾的空格。",
    ),
    (
        "Use only letters, digits, spaces and _ . : + - @.",
        "只能使用字母、数字、空格和 _ . : + - @。",
    ),
    // A JSON request's shape (`domain::json_fields`, `domain::json_embedded`).
    (
        "Unknown field: DLI's create request has no field of this name.",
        "未知字段：DLI 的创建作业请求中没有此名称的字段。",
    ),
    ("Send a JSON object.", "请发送 JSON 对象。"),
    ("Send a string.", "请发送字符串。"),
    ("Send a number.", "请发送数字。"),
    ("Send true or false.", "请发送 true 或 false。"),
    ("Send an array.", "请发送数组。"),
    (
        "Send a JSON array of {\"key\", \"value\"} objects, or DLI's string holding one.",
        "请发送由 {\"key\", \"value\"} 对象组成的 JSON 数组，或 DLI 格式的包含该数组的字符串。",
    ),
    (
        "Send a JSON object, or DLI's string holding one.",
        "请发送 JSON 对象，或 DLI 格式的包含该对象的字符串。",
    ),
    (
        "Send an object of logger name to level.",
        "请发送以日志记录器名称为键、级别为值的对象。",
    ),
    // Formatted texts: `{}` where each value goes.
    (
        "Use at most {} characters (this has {}).",
        "最多 {} 个字符（当前 {} 个）。",
    ),
    ("Already listed in row {}.", "已在第 {} 行列出。"),
    (
        "This option is already set in row {}.",
        "此配置项已在第 {} 行设置。",
    ),
    (
        "This logger already has a level in row {}.",
        "此日志记录器已在第 {} 行设置级别。",
    ),
    (
        "This key is already used in row {}.",
        "此键已在第 {} 行使用。",
    ),
    (
        "Use at most {} tags (there are {}).",
        "最多 {} 个标签（当前 {} 个）。",
    ),
    (
        "Give the job more CUs than the JobManager's {}.",
        "作业的 CU 数量须多于 JobManager 的 {} CU。",
    ),
    (
        "Use fewer CUs than the job's {} (DLI's default).",
        "请使用少于作业 {} CU（DLI 默认值）的 CU 数量。",
    ),
    (
        "Use at most {} CUs: what is left of the job's {} after the JobManager's {}.",
        "最多使用 {} CU：即作业的 {} CU 减去 JobManager 的 {} CU 后剩余的数量。",
    ),
    (
        "This portal runs jobs only in: {}.",
        "本门户只在以下队列运行作业：{}。",
    ),
    (
        "This portal allows at most {} CUs per job.",
        "本门户每个作业最多允许 {} CU。",
    ),
    (
        "Parallelism {} needs {} with {} each, but the {} left after the JobManager hold {} of {} each. Add CUs or slots, or lower the parallelism.",
        "并行数 {} 需要 {}（每个 {}），但除去 JobManager 后剩余的 {} 只能容纳 {}（每个 {}）。请增加 CU 或 Slot，或降低并行数。",
    ),
    // Counts inside the sizing hint ("8 TaskManagers"); Chinese has no plural. Last: a bare
    // suffix is the loosest template.
    ("{} TaskManagers", "{} 个 TaskManager"),
    ("{} slots", "{} 个 Slot"),
    ("{} CUs", "{} CU"),
];

/// (English, Chinese) pairs: what the pages besides the form show from the domain and the
/// server: statuses, errors, what an action or an update did. In the same order as `FORM`, and
/// tried after it. An island without the form looks up only these ([`message_to_chinese`]), so
/// its wasm carries none of the form's words.
const MESSAGES: &[(&str, &str)] = &[
    // Fixed texts.
    // DLI's job statuses (`DliStatus::label`), as the console names them.
    ("Created, not started", "草稿"),
    ("Submitting", "提交中"),
    ("Submit failed", "提交失败"),
    ("Downloading", "下载中"),
    ("Running", "运行中"),
    ("Running with errors", "运行异常"),
    ("Idle", "空闲"),
    ("Saving a savepoint", "保存点创建中"),
    ("Stopping", "停止中"),
    ("Stopped", "已停止"),
    ("Stop failed", "停止失败"),
    ("Stopped: account in arrears", "因欠费被停止"),
    ("Recovering from arrears", "欠费作业恢复中"),
    ("Finished", "已完成"),
    // The history's status groups (`StatusGroup::label`; "Running" and "Stopped" are above).
    ("Starting or stopping", "启动或停止中"),
    ("Failed", "失败"),
    ("Outcome unknown", "结果未知"),
    // `AppError` (error.rs).
    (
        "DLI refused the portal's credentials or permissions. Nothing was created; ask the portal's operator to check its DLI access.",
        "DLI 拒绝了门户的凭据或权限，未创建任何内容；请联系门户管理员检查其 DLI 访问权限。",
    ),
    (
        "This submission is already being created; its history entry shows the outcome.",
        "此提交正在创建中；结果见其历史记录。",
    ),
    ("There is no such job.", "作业不存在。"),
    (
        "The job history is unavailable right now, so nothing was sent to DLI. Try again shortly.",
        "作业历史暂时不可用，因此未向 DLI 发送任何请求。请稍后重试。",
    ),
    // Why DLI is unavailable (`server::errors`), inside "DLI is unavailable right now: …".
    ("it did not answer in time", "未及时响应"),
    ("it cannot be reached", "无法连接"),
    ("it failed before creating the job", "在创建作业之前失败"),
    // Access (`server::request`, `server::access::gate`).
    ("the portal's state is missing", "门户状态缺失"),
    ("the request is missing", "请求缺失"),
    (
        "Identity headers are accepted only from the portal's reverse proxy.",
        "只接受来自门户反向代理的身份标头。",
    ),
    // Job actions and the history (`server::jobs`).
    ("DLI no longer had the job.", "DLI 上已没有该作业。"),
    ("This job was deleted on DLI.", "此作业已在 DLI 上删除。"),
    (
        "This attempt has no DLI job (yet), so there is nothing to act on.",
        "此次提交（尚）无对应的 DLI 作业，无法操作。",
    ),
    (
        "This page link is broken; start again from the first page.",
        "此分页链接已失效；请从第一页重新开始。",
    ),
    (
        "Choose Start, Stop or Delete in the history.",
        "请在作业历史中选择启动、停止或删除。",
    ),
    ("Choose at least one job.", "请至少选择一个作业。"),
    ("Name each job once.", "每个作业只能选择一次。"),
    (
        "DLI gave no answer for this job.",
        "DLI 未返回此作业的结果。",
    ),
    (
        "Reload the page: its submission key is missing or malformed (1 to 128 printable characters).",
        "请刷新页面：提交键缺失或格式不正确（应为 1~128 个可打印字符）。",
    ),
    (
        "DLI has no job of this name from that time: the request never took effect.",
        "DLI 上没有该时间创建的同名作业：请求未生效。",
    ),
    (
        "This job has no settings on record to update from.",
        "此作业没有可作为更新依据的配置记录。",
    ),
    (
        "DLI's update cannot change a job's tags, and the portal does not use DLI's tag API: keep the tags as they are (change them in the DLI console).",
        "DLI 的更新接口不能修改作业的标签，门户也不使用 DLI 的标签 API：请保持标签不变（如需修改，请在 DLI 控制台操作）。",
    ),
    ("The job is gone from DLI.", "该作业已不在 DLI 上。"),
    // An update's steps (`server::jobs::steps`): where it is, and each step by name.
    ("under way", "进行中"),
    (
        "The job has no DLI job any more.",
        "该作业已没有对应的 DLI 作业。",
    ),
    ("The job is stopped.", "作业已停止。"),
    ("Stopping the job.", "正在停止作业。"),
    ("Starting the job.", "正在启动作业。"),
    (
        "Waiting for the job to run to save it.",
        "正在等待作业运行，以便触发保存点。",
    ),
    ("Waiting for the history.", "正在等待作业历史恢复可用。"),
    ("DLI accepted the update.", "DLI 已接受更新。"),
    ("no reason given", "未说明原因"),
    ("Stopping the job", "停止作业"),
    ("Sending the update", "发送更新"),
    ("Starting the job", "启动作业"),
    ("The update", "更新"),
    // Formatted texts.
    // `AppError`.
    ("{} field(s) need attention.", "有 {} 个字段需要修改。"),
    ("DLI refused the request{}: {}", "DLI 拒绝了请求{}：{}"),
    (
        "Too many requests. Try again in {} s.",
        "请求过多，请在 {} 秒后重试。",
    ),
    (
        "DLI is unavailable right now: {}. Try again shortly.",
        "DLI 暂时不可用：{}。请稍后重试。",
    ),
    (
        "DLI's answer was lost, so the job may or may not exist. The portal is finding out: send the same request again in {} s, or watch its history entry.",
        "DLI 的响应丢失，作业可能已创建，也可能未创建。门户正在确认：请在 {} 秒后再次发送相同的请求，或查看其历史记录。",
    ),
    ("The request cannot be read: {}", "无法读取请求：{}"),
    ("The portal could not be reached: {}", "无法连接门户：{}"),
    ("DLI refused it: {} ({})", "DLI 拒绝：{}（{}）"),
    ("it failed ({})", "调用失败（{}）"),
    (
        "You may look at jobs but not change them: that needs membership of {}.",
        "您可以查看作业，但不能修改：修改需要是 {} 的成员。",
    ),
    // Job actions, the history and updates.
    ("This job has no version {}.", "此作业没有版本 {}。"),
    (
        "Choose at most {} jobs at a time.",
        "每次最多选择 {} 个作业。",
    ),
    (
        "This key was first used for a different request (history entry {}). Send a new key for a new request.",
        "此幂等键已用于另一个请求（历史记录 {}）。新请求请使用新的键。",
    ),
    (
        "This key was first used for a different update (update {}). Send a new key for a new request.",
        "此幂等键已用于另一次更新（更新 {}）。新请求请使用新的键。",
    ),
    ("DLI created job {}.", "DLI 已创建作业 {}。"),
    (
        "The job was created but not started: {}",
        "作业已创建，但未启动：{}",
    ),
    ("DLI has the job ({}).", "DLI 上有该作业（{}）。"),
    (
        "These are the settings of version {} already: there is nothing to update.",
        "当前已是版本 {} 的配置：没有需要更新的内容。",
    ),
    (
        "The job is running, and {} change only when it restarts. Ask for a restart (with a savepoint, to keep its state) to stop it, update it and start it again.",
        "作业正在运行，{}只有在重启后才会更改。请选择重启（可触发保存点以保留状态），以停止作业、更新后再启动。",
    ),
    (
        "Another update of this job is under way (step: {}); wait for it to finish.",
        "此作业的另一个更新正在进行（步骤：{}）；请等待其完成。",
    ),
    (
        "Version {} of this job cannot be read.",
        "无法读取此作业的版本 {}。",
    ),
    (
        "DLI failed ({}); trying again.",
        "DLI 调用失败（{}），正在重试。",
    ),
    (
        "DLI refused to stop the job: {}. {}",
        "DLI 拒绝停止作业：{}。{}",
    ),
    ("DLI refused the update: {}. {}", "DLI 拒绝了更新：{}。{}"),
    (
        "The job was started again before its update was sent, so nothing was changed: it runs version {}.",
        "发送更新前作业已被重新启动，因此未做任何更改：作业运行的是版本 {}。",
    ),
    ("The job runs version {}.", "作业正在运行版本 {}。"),
    (
        "The job has version {} but failed to start ({}); it is stopped.",
        "作业已更新为版本 {}，但启动失败（{}）；作业已停止。",
    ),
    (
        "The job has version {} but DLI refused to start it: {}. It is stopped; start it from its page.",
        "作业已更新为版本 {}，但 DLI 拒绝启动：{}。作业已停止；请在作业页面启动。",
    ),
    (
        "Nothing was changed: the job keeps version {}.",
        "未做任何更改：作业仍为版本 {}。",
    ),
    (
        "The job is stopped and keeps version {}; start it from its page, or update it again.",
        "作业已停止，仍为版本 {}；请在作业页面启动，或再次更新。",
    ),
    (
        "The job has version {} and is stopped; start it from its page.",
        "作业已更新为版本 {}，目前已停止；请在作业页面启动。",
    ),
    // "{step} failed {tries} times ({why}). {job state}": looser than the texts above.
    ("{} failed {} times ({}). {}", "{}失败 {} 次（{}）。{}"),
];

/// Every pair, the form's first (for the tests that read the whole catalogue).
#[cfg(test)]
pub(super) fn entries() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    FORM.iter().chain(MESSAGES)
}

/// `english` in Chinese, or `None` when the catalogue has no entry for it.
pub(super) fn to_chinese(english: &str) -> Option<String> {
    lookup(&[FORM, MESSAGES], english)
}

/// A status or a message from the server in Chinese, looked up without the form's words.
pub(super) fn message_to_chinese(english: &str) -> Option<String> {
    lookup(&[MESSAGES], english)
}

/// `english` in Chinese from `tables`, tried in order; a value inside a formatted text is looked
/// up in the same tables.
fn lookup(tables: &[&[(&str, &str)]], english: &str) -> Option<String> {
    tables
        .iter()
        .flat_map(|table| table.iter())
        .find_map(|(en, zh)| {
            if !en.contains("{}") {
                return (*en == english).then(|| (*zh).to_owned());
            }
            values_in(en, english).map(|values| {
                let translated: Vec<String> =
                    values.iter().map(|value| nested(tables, value)).collect();
                let values: Vec<&str> = translated.iter().map(String::as_str).collect();
                fill(zh, &values)
            })
        })
}

/// A value inside a message, in Chinese where it is itself a catalogue text: a label, a reason
/// ("it cannot be reached"), a count ("8 TaskManagers") or a whole message (why a start
/// failed). A list joined by ", " (the labels of the fields a restart needs) is translated item
/// by item. Any other value (a number, a name the person typed, DLI's own words) is kept as it
/// is. Each value is shorter than its message, so this ends.
fn nested(tables: &[&[(&str, &str)]], value: &str) -> String {
    if let Some(chinese) = lookup(tables, value) {
        return chinese;
    }
    let items: Vec<(&str, Option<String>)> = value
        .split(", ")
        .map(|item| (item, lookup(tables, item)))
        .collect();
    if items.len() < 2 || items.iter().all(|(_, chinese)| chinese.is_none()) {
        return value.to_owned();
    }
    let items: Vec<String> = items
        .into_iter()
        .map(|(item, chinese)| chinese.unwrap_or_else(|| item.to_owned()))
        .collect();
    items.join("、")
}

#[cfg(test)]
mod tests {
    use super::{entries, message_to_chinese, to_chinese};

    #[test]
    fn fixed_and_formatted_texts_are_found() {
        assert_eq!(
            to_chinese("Give the job a name.").as_deref(),
            Some("请填写作业名称。")
        );
        assert_eq!(
            to_chinese("Use at most 57 characters (this has 60).").as_deref(),
            Some("最多 57 个字符（当前 60 个）。")
        );
        assert_eq!(to_chinese("Nothing like this is in the catalogue."), None);
    }

    #[test]
    fn messages_are_found_without_the_forms_words() {
        assert_eq!(message_to_chinese("Running").as_deref(), Some("运行中"));
        assert_eq!(
            message_to_chinese("Too many requests. Try again in 3 s.").as_deref(),
            Some("请求过多，请在 3 秒后重试。")
        );
        assert_eq!(message_to_chinese("Give the job a name."), None);
    }

    #[test]
    fn every_entry_has_chinese_with_the_same_values() {
        for (en, zh) in entries() {
            assert!(!zh.trim().is_empty(), "{en}");
            assert_ne!(en, zh, "untranslated: {en}");
            let slots = |text: &str| text.matches('{').count();
            assert_eq!(slots(en), slots(zh), "{en} → {zh}");
        }
    }

    #[test]
    fn every_template_has_words_besides_its_values() {
        // A template of values alone would hand `nested` its whole text again.
        for (en, _) in entries().filter(|(en, _)| en.contains("{}")) {
            assert!(!en.replace("{}", "").trim().is_empty(), "{en}");
        }
    }

    #[test]
    fn values_that_are_catalogue_texts_are_translated_inside_a_message() {
        let cases = [
            (
                "DLI is unavailable right now: it cannot be reached. Try again shortly.",
                "DLI 暂时不可用：无法连接。请稍后重试。",
            ),
            (
                "Stopping the job failed 5 times (timeout). Nothing was changed: the job keeps version 3.",
                "停止作业失败 5 次（timeout）。未做任何更改：作业仍为版本 3。",
            ),
            (
                "The job is running, and Parallelism, CUs, resource_config change only when it restarts. Ask for a restart (with a savepoint, to keep its state) to stop it, update it and start it again.",
                "作业正在运行，并行数、CU数量、resource_config只有在重启后才会更改。请选择重启（可触发保存点以保留状态），以停止作业、更新后再启动。",
            ),
            (
                "Parallelism 8 needs 8 TaskManagers with 1 slot each, but the 4 CUs left after the JobManager hold 4 TaskManagers of 1 CU each. Add CUs or slots, or lower the parallelism.",
                "并行数 8 需要 8 个 TaskManager（每个 1 个 Slot），但除去 JobManager 后剩余的 4 CU 只能容纳 4 个 TaskManager（每个 1 CU）。请增加 CU 或 Slot，或降低并行数。",
            ),
            // Names the person chose stay as they are, list or not.
            (
                "This portal runs jobs only in: team_a, team_b.",
                "本门户只在以下队列运行作业：team_a, team_b。",
            ),
        ];
        for (english, chinese) in cases {
            assert_eq!(to_chinese(english).as_deref(), Some(chinese));
        }
    }

    #[test]
    fn no_english_text_is_listed_twice() {
        let mut seen = std::collections::HashSet::new();
        for (en, _) in entries() {
            assert!(seen.insert(en), "listed twice: {en}");
        }
    }
}
