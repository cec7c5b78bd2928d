<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArchitecturePanel</name>
    <message>
        <source>Click a layer to select it in every panel</source>
        <translation>点击某一层，在所有面板中选中它</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>LeNet-5 (the course&apos;s Figure 1): click a layer</source>
        <translation>LeNet-5（课程的图 1）：点击某一层</translation>
    </message>
    <message>
        <source>Trainable parameters and connections</source>
        <translation>可训练参数与连接数</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>How the course counts them</source>
        <translation>课程的计算方法</translation>
    </message>
    <message>
        <source>Rows: S2 map k. Columns: C3 map m. X: C3 map m reads S2 map k.</source>
        <translation>行：S2 特征图 k。列：C3 特征图 m。X：C3 特征图 m 读取 S2 特征图 k。</translation>
    </message>
    <message>
        <source>With {p}-pooling S2 and S4 have no parameters. The course&apos;s 12 and 32 parameters and 5,880 and 2,000 connections are those of the trainable sub-sampling (preset &quot;LeNet-5 1998&quot;).</source>
        <translation>采用 {p}-pooling 时 S2 和 S4 没有参数。课程中的 12 和 32 个参数、5,880 和 2,000 个连接属于可训练的下采样（预设 &quot;LeNet-5 1998&quot;）。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>S2 map {k} → C3 map {m}: {state}</source>
        <translation>S2 特征图 {k} → C3 特征图 {m}：{state}</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>有连接</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>无连接</translation>
    </message>
    <message>
        <source>C3 connection table (Table 1): rows S2 map k = 0…5, columns C3 map m = 0…15; {n} of 96 pairs connected</source>
        <translation>C3 连接表（表 1）：行为 S2 特征图 k = 0…5，列为 C3 特征图 m = 0…15；96 对中有 {n} 对相连</translation>
    </message>
</context>
<context>
    <name>BackpropWalk</name>
    <message>
        <source>Forward: INPUT → C1 → S2 → C3 → S4</source>
        <translation>前向：INPUT → C1 → S2 → C3 → S4</translation>
    </message>
    <message>
        <source>Each map slides a shared 5×5 kernel over the maps before it, adds a bias and applies f; sub-sampling halves each map.</source>
        <translation>每个特征图用一个共享的 5×5 卷积核在前一层的特征图上滑动，加上偏差并经过 f；下采样把每个特征图缩小一半。</translation>
    </message>
    <message>
        <source>Forward: C5 → F6 → F7 → softmax y, cost J</source>
        <translation>前向：C5 → F6 → F7 → softmax y，代价函数 J</translation>
    </message>
    <message>
        <source>The softmax turns f7 into probabilities y; J = −log y_z = {J:.4g} for z = {z} (the net predicts {pred}, y = {y:.3g}).</source>
        <translation>softmax 把 f7 变成概率 y；z = {z} 时 J = −log y_z = {J:.4g}（网络预测为 {pred}，y = {y:.3g}）。</translation>
    </message>
    <message>
        <source>Softmax: δ(f7) = −(z − y)</source>
        <translation>Softmax：δ(f7) = −(z − y)</translation>
    </message>
    <message>
        <source>Each softmax input&apos;s sensitivity is the output minus the label: yᵢ − zᵢ.</source>
        <translation>softmax 每个输入的敏感值等于输出减去标签：yᵢ − zᵢ。</translation>
    </message>
    <message>
        <source>F7 has no f here, so δ(u_f7) = δ(f7); a weight&apos;s δ is δ(u) times the input it multiplies; each {prev} output sums all {n} δ(u) through its weights.</source>
        <translation>这里 F7 没有 f，所以 δ(u_f7) = δ(f7)；权值的 δ 是 δ(u) 乘以它所乘的输入；{prev} 的每个输出通过权值对全部 {n} 个 δ(u) 求和。</translation>
    </message>
    <message>
        <source>δ(u) is δ({L}) times the slope f&apos;; a weight&apos;s δ is δ(u) times the input it multiplies; each {prev} output sums all {n} δ(u) through its weights.</source>
        <translation>δ(u) 是 δ({L}) 乘以斜率 f&apos;；权值的 δ 是 δ(u) 乘以它所乘的输入；{prev} 的每个输出通过权值对全部 {n} 个 δ(u) 求和。</translation>
    </message>
    <message>
        <source>{L}: δ(u), δ(w), δ(b), δ({prev})</source>
        <translation>{L}：δ(u)、δ(w)、δ(b)、δ({prev})</translation>
    </message>
    <message>
        <source>C5: δ(u), δ(w5), δ(b5), δ(s4) via w5₍ᵢ₋₂,ⱼ₋₂₎</source>
        <translation>C5：δ(u)、δ(w5)、δ(b5)，经 w5₍ᵢ₋₂,ⱼ₋₂₎ 得 δ(s4)</translation>
    </message>
    <message>
        <source>Each S4 value sums all 120 C5 input sensitivities through the kernel element (i−2, j−2) that touched it.</source>
        <translation>每个 S4 值通过作用于它的卷积核元素 (i−2, j−2)，对全部 120 个 C5 输入敏感值求和。</translation>
    </message>
    <message>
        <source>A {C} value gets its window&apos;s δ({s}) if it was the window&apos;s maximum (one winner per window: the first maximum in row-major order), else zero.</source>
        <translation>若 {C} 值是其窗口的最大值，就得到该窗口的 δ({s})（每个窗口只有一个胜者：按行优先顺序的第一个最大值），否则为零。</translation>
    </message>
    <message>
        <source>Mean pooling spreads a quarter of each δ({s}) to the four {c} values.</source>
        <translation>平均池化把每个 δ({s}) 的四分之一分给四个 {c} 值。</translation>
    </message>
    <message>
        <source>Trainable sub-sampling s = f(a·Σc + b): δ(u) = δ({s})·f&apos;, a and b collect it over the map, and each {c} value gets a·δ(u).</source>
        <translation>可训练的下采样 s = f(a·Σc + b)：δ(u) = δ({s})·f&apos;，a 和 b 在整个特征图上累加它，每个 {c} 值得到 a·δ(u)。</translation>
    </message>
    <message>
        <source>{S}: {what} routes δ({s}) to δ({c})</source>
        <translation>{S}：{what} 把 δ({s}) 传给 δ({c})</translation>
    </message>
    <message>
        <source>A kernel is shared by 100 positions, so its δ sums δ(u)·s2 over them (Table 1 blanks stay 0); each S2 value collects δ(u) through the kernels turned 180°.</source>
        <translation>一个卷积核由 100 个位置共享，所以它的 δ 是这些位置上 δ(u)·s2 之和（表 1 的空白处保持为 0）；每个 S2 值通过旋转 180° 的卷积核收集 δ(u)。</translation>
    </message>
    <message>
        <source>A kernel is shared by 100 positions, so its δ sums δ(u)·s2 over them; each S2 value collects δ(u) through the kernels turned 180°.</source>
        <translation>一个卷积核由 100 个位置共享，所以它的 δ 是这些位置上 δ(u)·s2 之和；每个 S2 值通过旋转 180° 的卷积核收集 δ(u)。</translation>
    </message>
    <message>
        <source>C3: δ(u), δ(w3), δ(b3), δ(s2) via rotated kernels</source>
        <translation>C3：δ(u)、δ(w3)、δ(b3)，经旋转的卷积核得 δ(s2)</translation>
    </message>
    <message>
        <source>C1: δ(u), δ(w1), δ(b1)</source>
        <translation>C1：δ(u)、δ(w1)、δ(b1)</translation>
    </message>
    <message>
        <source>Each C1 kernel is shared by 784 positions: its δ sums δ(u) times the input pixel under each kernel element.</source>
        <translation>每个 C1 卷积核由 784 个位置共享：它的 δ 是 δ(u) 乘以每个卷积核元素下的输入像素之和。</translation>
    </message>
    <message>
        <source>Input: δ(x), a saliency map</source>
        <translation>输入：δ(x)，显著图</translation>
    </message>
    <message>
        <source>Not in the course, same chain rule: the pixels whose change would move J the most.</source>
        <translation>课程中没有，但用同一链式求导法则：改变后最能影响 J 的像素。</translation>
    </message>
    <message>
        <source>Every parameter moves against its sensitivity; for this sample J drops from {before:.4f} to {after:.4f}.</source>
        <translation>每个参数都沿其敏感值的反方向移动；对这个样本，J 从 {before:.4f} 降到 {after:.4f}。</translation>
    </message>
    <message>
        <source>Every parameter moves against its sensitivity; for this sample J does not drop from {before:.4f} to {after:.4f}.</source>
        <translation>每个参数都沿其敏感值的反方向移动；对这个样本，J 没有下降（{before:.4f} → {after:.4f}）。</translation>
    </message>
    <message>
        <source>Update: θ := θ − α·δ(θ)</source>
        <translation>更新：θ := θ − α·δ(θ)</translation>
    </message>
    <message>
        <source>{n} values tie for the maximum: the first in row-major order wins (the course would copy δ to each)</source>
        <translation>有 {n} 个值并列最大：按行优先顺序的第一个胜出（课程会把 δ 复制给每一个）</translation>
    </message>
    <message>
        <source>Table 1 connects S2 map {k} to C3 maps {ms}</source>
        <translation>表 1 把 S2 特征图 {k} 连到 C3 特征图 {ms}</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <source>Pen</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Draw with the left button (the right button always erases)</source>
        <translation>按左键绘制（右键总是擦除）</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>橡皮</translation>
    </message>
    <message>
        <source>Rub out with the left button</source>
        <translation>按左键擦除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>撤销上一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Wipe the canvas</source>
        <translation>清空画布</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>载入…</translation>
    </message>
    <message>
        <source>Put a PNG or JPEG picture of a digit on the canvas (light-on-dark or dark-on-light)</source>
        <translation>把一张数字的 PNG 或 JPEG 图片放到画布上（深底浅字或浅底深字均可）</translation>
    </message>
    <message>
        <source>Brush width in canvas pixels (the canvas is 280×280, ten times MNIST&apos;s 28×28)</source>
        <translation>笔刷宽度，以画布像素计（画布为 280×280，是 MNIST 28×28 的十倍）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Classify while drawing, up to 10 times a second</source>
        <translation>边画边分类，每秒最多 10 次</translation>
    </message>
    <message>
        <source>Use as probe</source>
        <translation>用作探针样本</translation>
    </message>
    <message>
        <source>Show the drawing in the feature-map, δ and stepper panels</source>
        <translation>在特征图、δ 和逐步演示面板中显示这幅画</translation>
    </message>
    <message>
        <source>Draw a digit here (0–9)</source>
        <translation>在这里写一个数字（0–9）</translation>
    </message>
    <message>
        <source>LeNet-5 says</source>
        <translation>LeNet-5 认为</translation>
    </message>
    <message>
        <source>The run whose weights classify the drawing: the best one unless you choose another (Runs panel: Use for the canvas)</source>
        <translation>用来识别手写数字的训练运行的权值：默认是最好的一个，也可以另选（训练运行面板：用于画板）</translation>
    </message>
    <message>
        <source>drawn</source>
        <translation>手写</translation>
    </message>
    <message>
        <source>cropped</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <source>fit into 20×20</source>
        <translation>缩放到 20×20</translation>
    </message>
    <message>
        <source>centred</source>
        <translation>居中</translation>
    </message>
    <message>
        <source>network input</source>
        <translation>网络输入</translation>
    </message>
    <message>
        <source>Width %n</source>
        <translation>宽度 %n</translation>
    </message>
    <message>
        <source>model: {0} at batch {1:,}</source>
        <translation>模型：{0}，第 {1:,} 批时</translation>
    </message>
    <message>
        <source>model: {0}</source>
        <translation>模型：{0}</translation>
    </message>
    <message>
        <source>No prediction: the canvas is empty.</source>
        <translation>没有预测：画布是空的。</translation>
    </message>
    <message>
        <source>Draw a digit, or load a picture of one.</source>
        <translation>写一个数字，或载入一张数字图片。</translation>
    </message>
    <message>
        <source>No weights yet.</source>
        <translation>还没有权值。</translation>
    </message>
    <message>
        <source>Train the network or open a checkpoint.</source>
        <translation>请训练网络或打开一个检查点。</translation>
    </message>
    <message>
        <source>%1 sure</source>
        <translation>把握 %1</translation>
    </message>
    <message>
        <source>margin over %1: %2 points</source>
        <translation>领先 %1：%2 个百分点</translation>
    </message>
    <message>
        <source>Probe of the other panels.</source>
        <translation>其他面板的探针样本。</translation>
    </message>
    <message>
        <source>Load a picture of a digit</source>
        <translation>载入一张数字图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp);;All files (*)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read %1 as an image.</source>
        <translation>无法把 %1 作为图片读取。</translation>
    </message>
    <message>
        <source>%1 looks blank: no digit found.</source>
        <translation>%1 看起来是空白的：没有找到数字。</translation>
    </message>
</context>
<context>
    <name>DeltasPanel</name>
    <message>
        <source>Colour levels: ± the 99th percentile of |δ| (tracked: they widen at once and shrink slowly); larger |δ| saturate. 0 is white.</source>
        <translation>颜色范围：±|δ| 的第 99 百分位数（跟踪：立即扩大、缓慢缩小）；更大的 |δ| 饱和显示。0 为白色。</translation>
    </message>
    <message>
        <source>δ(u) of C1 · 6@28×28</source>
        <translation>C1 的 δ(u) · 6 个 28×28</translation>
    </message>
    <message>
        <source>δ(u) of C3 · 16@10×10</source>
        <translation>C3 的 δ(u) · 16 个 10×10</translation>
    </message>
    <message>
        <source>δ(u) of C5 · 120 (10×12 grid)</source>
        <translation>C5 的 δ(u) · 120（10×12 网格）</translation>
    </message>
    <message>
        <source>δ(u) of F6 · 84 (7×12 grid)</source>
        <translation>F6 的 δ(u) · 84（7×12 网格）</translation>
    </message>
    <message>
        <source>δ(u) of F7 · 10</source>
        <translation>F7 的 δ(u) · 10</translation>
    </message>
    <message>
        <source>= (y − z)·f′(u) with the label z</source>
        <translation>= (y − z)·f′(u)，z 为标签</translation>
    </message>
    <message>
        <source>δ(w) of C1 kernels · 6×5×5</source>
        <translation>C1 卷积核的 δ(w) · 6×5×5</translation>
    </message>
    <message>
        <source>δ(w1{k}) · 5×5</source>
        <translation>δ(w1{k}) · 5×5</translation>
    </message>
    <message>
        <source>δ(w) of C3 kernels · 16×6×5×5</source>
        <translation>C3 卷积核的 δ(w) · 16×6×5×5</translation>
    </message>
    <message>
        <source>Table 1 layout: rows S2 map k, columns C3 map m; hatched: not connected, δ(w3) = 0 there</source>
        <translation>按表 1 排列：行为 S2 特征图 k，列为 C3 特征图 m；阴影：无连接，那里 δ(w3) = 0</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>‖δ(w)‖ (log)</source>
        <translation>‖δ(w)‖（对数）</translation>
    </message>
    <message>
        <source>Layer health: ‖δ(w)‖ per training step</source>
        <translation>各层健康度：每个训练步的 ‖δ(w)‖</translation>
    </message>
    <message>
        <source>log scale, mini-batch gradients; a line sinking by decades is a vanishing gradient, one climbing steeply an exploding one</source>
        <translation>对数坐标，小批量梯度；成数量级下沉的曲线表示梯度消失，陡升的表示梯度爆炸</translation>
    </message>
    <message>
        <source>{caption}: map {k}</source>
        <translation>{caption}：特征图 {k}</translation>
    </message>
    <message>
        <source>{name}: S2 map {k} → C3 map {m} not connected (Table 1)</source>
        <translation>{name}：S2 特征图 {k} → C3 特征图 {m} 无连接（表 1）</translation>
    </message>
    <message>
        <source>δ(w3{km}): S2 map {k} → C3 map {m}</source>
        <translation>δ(w3{km})：S2 特征图 {k} → C3 特征图 {m}</translation>
    </message>
    <message>
        <source> (not connected in Table 1)</source>
        <translation>（表 1 中无连接）</translation>
    </message>
    <message>
        <source>label z = {z}</source>
        <translation>标签 z = {z}</translation>
    </message>
    <message>
        <source>no label: z = the predicted digit {z}</source>
        <translation>无标签：z = 预测的数字 {z}</translation>
    </message>
    <message>
        <source>Probe: {source} · {z} · J = −log y{sub} = {J}</source>
        <translation>探针：{source} · {z} · J = −log y{sub} = {J}</translation>
    </message>
</context>
<context>
    <name>Evaluation</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Test #{0}: true {1}, predicted {2}, confidence {3:.1f} %. Click: make it the probe sample.</source>
        <translation>测试 #{0}：真实 {1}，预测 {2}，置信度 {3:.1f} %。点击：设为探针样本。</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Classify the 10,000 test images with the latest weights</source>
        <translation>用最新的权值对 10,000 张测试图片分类</translation>
    </message>
    <message>
        <source>acc.</source>
        <translation>准确</translation>
    </message>
    <message>
        <source>prec.</source>
        <translation>精确</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>Click a cell to see its images.</source>
        <translation>点击一个格子查看其中的图片。</translation>
    </message>
    <message>
        <source>Most confident first</source>
        <translation>置信度高的在前</translation>
    </message>
    <message>
        <source>Least confident first</source>
        <translation>置信度低的在前</translation>
    </message>
    <message>
        <source>Test-set order</source>
        <translation>测试集顺序</translation>
    </message>
    <message>
        <source>The order of the images of a cell</source>
        <translation>一个格子中图片的排列顺序</translation>
    </message>
    <message>
        <source>All mistakes</source>
        <translation>全部错误</translation>
    </message>
    <message>
        <source>Every wrong prediction, the most confident mistakes first</source>
        <translation>所有错误预测，置信度最高的错误在前</translation>
    </message>
    <message>
        <source>Next mistake ▶</source>
        <translation>下一个错误 ▶</translation>
    </message>
    <message>
        <source>The next most confident mistake: its cell, its image, and it becomes the probe sample</source>
        <translation>下一个置信度最高的错误：它的格子、它的图片，并设为探针样本</translation>
    </message>
    <message>
        <source>Press Evaluate to classify the test set.</source>
        <translation>按“评估”对测试集分类。</translation>
    </message>
    <message>
        <source>Waiting for the data set and weights.</source>
        <translation>正在等待数据集和权值。</translation>
    </message>
    <message>
        <source>Classifying {0:,} test images…</source>
        <translation>正在对 {0:,} 张测试图片分类…</translation>
    </message>
    <message>
        <source>Accuracy {0} on {1:,} test images · loss {2:.4f} · {3:,} mistakes · acc./prec. in %</source>
        <translation>{1:,} 张测试图片上的准确率 {0} · 代价 {2:.4f} · {3:,} 个错误 · 准确/精确以 % 计</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>mistakes</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>True {0}, predicted {1}: {2:,} test images ({3}). Click one to probe it.</source>
        <translation>真实 {0}，预测 {1}：{2:,} 张测试图片（{3}）。点击一张设为探针。</translation>
    </message>
    <message>
        <source>All {0:,} mistakes.</source>
        <translation>全部 {0:,} 个错误。</translation>
    </message>
    <message>
        <source>Mistake {0} of {1}.</source>
        <translation>第 {0} 个错误，共 {1} 个。</translation>
    </message>
    <message>
        <source>Test set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Training set</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Which MNIST set to explore</source>
        <translation>要浏览的 MNIST 数据集</translation>
    </message>
    <message>
        <source>Class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <source>The digit whose images are shown</source>
        <translation>显示哪个数字的图片</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Use as probe</source>
        <translation>用作探针样本</translation>
    </message>
    <message>
        <source>Make the selected image the probe sample of the other panels</source>
        <translation>把选中的图片设为其他面板的探针样本</translation>
    </message>
    <message>
        <source>Images per class</source>
        <translation>每类图片数</translation>
    </message>
    <message>
        <source>Mean image per class</source>
        <translation>每类的平均图像</translation>
    </message>
    <message>
        <source>Raw 28×28, bytes</source>
        <translation>原始 28×28，字节</translation>
    </message>
    <message>
        <source>Network input 32×32</source>
        <translation>网络输入 32×32</translation>
    </message>
    <message>
        <source>Waiting for the data set.</source>
        <translation>正在等待数据集。</translation>
    </message>
    <message>
        <source>Counting classes and mean images…</source>
        <translation>正在统计类别和平均图像…</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>{0:,} {1} images; smallest class {2} ({3:,}), largest {4} ({5:,})</source>
        <translation>{0:,} 张{1}图片；最小类别 {2}（{3:,}），最大 {4}（{5:,}）</translation>
    </message>
    <message>
        <source>Class {0}: images {1:,}–{2:,} of {3:,}</source>
        <translation>类别 {0}：第 {1:,}–{2:,} 张，共 {3:,} 张</translation>
    </message>
    <message>
        <source>page {0}/{1}</source>
        <translation>第 {0}/{1} 页</translation>
    </message>
    <message>
        <source>selected: {0} #{1}, label {2}</source>
        <translation>已选：{0} #{1}，标签 {2}</translation>
    </message>
    <message>
        <source>class {0} ({1:,} images): mean ({2}, {3}) = {4:.1f}. Click: browse it.</source>
        <translation>类别 {0}（{1:,} 张图片）：平均值 ({2}, {3}) = {4:.1f}。点击：浏览。</translation>
    </message>
    <message>
        <source>#{0}: ({1}, {2}) = {3:.0f}. Click: select it.</source>
        <translation>#{0}：({1}, {2}) = {3:.0f}。点击：选中。</translation>
    </message>
    <message>
        <source>byte ({0}, {1}) = {2:.0f}</source>
        <translation>字节 ({0}, {1}) = {2:.0f}</translation>
    </message>
    <message>
        <source>x({0}, {1}) = {2:.3f}</source>
        <translation>x({0}, {1}) = {2:.3f}</translation>
    </message>
    <message>
        <source>Gaussian noise</source>
        <translation>高斯噪声</translation>
    </message>
    <message>
        <source>σ (grey levels of 255)</source>
        <translation>σ（灰度级，满量程 255）</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>degrees (+ = counter-clockwise)</source>
        <translation>度（+ = 逆时针）</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>pixels (+ = right)</source>
        <translation>像素（+ = 向右）</translation>
    </message>
    <message>
        <source>Stroke thickness</source>
        <translation>笔画粗细</translation>
    </message>
    <message>
        <source>3×3 erosions (−) / dilations (+)</source>
        <translation>3×3 腐蚀（−）/ 膨胀（+）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Perturb the test images at every level and classify them</source>
        <translation>按每一档扰动测试图片并分类</translation>
    </message>
    <message>
        <source> images</source>
        <translation> 张图片</translation>
    </message>
    <message>
        <source>The first N test images</source>
        <translation>前 N 张测试图片</translation>
    </message>
    <message>
        <source>Confidence threshold: &quot;I don&apos;t know&quot; below it</source>
        <translation>置信度阈值：低于它则回答“不知道”</translation>
    </message>
    <message>
        <source>threshold on max y</source>
        <translation>max y 的阈值</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>已回答</translation>
    </message>
    <message>
        <source>right, of the answered</source>
        <translation>已回答中正确的</translation>
    </message>
    <message>
        <source>The confidence threshold on max y: below it the network answers &quot;I don&apos;t know&quot;</source>
        <translation>max y 的置信度阈值：低于它时网络回答“不知道”</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Press Run to sweep the perturbations.</source>
        <translation>按“运行”扫描各种扰动。</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Sweeping {0:,} test images…</source>
        <translation>正在扫描 {0:,} 张测试图片…</translation>
    </message>
    <message>
        <source>{0:,} test images · clean accuracy {1}</source>
        <translation>{0:,} 张测试图片 · 无扰动准确率 {1}</translation>
    </message>
    <message>
        <source>weights changed since; Run again</source>
        <translation>权值已改变；请重新运行</translation>
    </message>
    <message>
        <source>{0:.3f}</source>
        <translation>{0:.3f}</translation>
    </message>
    <message>
        <source>{0:.3f}: {1} answered, {2} of those right</source>
        <translation>{0:.3f}：回答 {1}，其中正确 {2}</translation>
    </message>
    <message>
        <source>C5 (120 outputs)</source>
        <translation>C5（120 个输出）</translation>
    </message>
    <message>
        <source>F6 (84 outputs)</source>
        <translation>F6（84 个输出）</translation>
    </message>
    <message>
        <source>The layer whose outputs are projected</source>
        <translation>要投影其输出的层</translation>
    </message>
    <message>
        <source>How many test images to project</source>
        <translation>要投影的测试图片数</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Compute the layer&apos;s outputs and their principal components (PCA)</source>
        <translation>计算该层的输出及其主成分（PCA）</translation>
    </message>
    <message>
        <source>Hover a point.</source>
        <translation>把鼠标移到一个点上。</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <source>mistake</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>probe</source>
        <translation>探针</translation>
    </message>
    <message>
        <source>Computing {0} outputs of {1:,} test images…</source>
        <translation>正在计算 {1:,} 张测试图片的 {0} 输出…</translation>
    </message>
    <message>
        <source>PC1 ({0:.1f} % of the variance)</source>
        <translation>PC1（方差的 {0:.1f} %）</translation>
    </message>
    <message>
        <source>PC2 ({0:.1f} %)</source>
        <translation>PC2（{0:.1f} %）</translation>
    </message>
    <message>
        <source>PCA of {0}: {1:,} test images, {2:,} mistakes ringed</source>
        <translation>{0} 的主成分分析：{1:,} 张测试图片，{2:,} 个错误带圈</translation>
    </message>
    <message>
        <source>{0}: PC1 + PC2 explain {1:.1f} % of the variance</source>
        <translation>{0}：PC1 + PC2 解释了方差的 {1:.1f} %</translation>
    </message>
    <message>
        <source>test #{0}&lt;br&gt;true {1}, predicted {2} ({3:.0f} %)</source>
        <translation>测试 #{0}&lt;br&gt;真实 {1}，预测 {2}（{3:.0f} %）</translation>
    </message>
</context>
<context>
    <name>FeatureMapsPanel</name>
    <message>
        <source>INPUT · 32×32</source>
        <translation>INPUT 输入层 · 32×32</translation>
    </message>
    <message>
        <source>C1 · 6@28×28</source>
        <translation>C1 · 6 个 28×28 特征图</translation>
    </message>
    <message>
        <source>S2 · 6@14×14</source>
        <translation>S2 · 6 个 14×14 特征图</translation>
    </message>
    <message>
        <source>C3 · 16@10×10</source>
        <translation>C3 · 16 个 10×10 特征图</translation>
    </message>
    <message>
        <source>S4 · 16@5×5</source>
        <translation>S4 · 16 个 5×5 特征图</translation>
    </message>
    <message>
        <source>C5 · 120 (10×12 grid)</source>
        <translation>C5 · 120（10×12 网格）</translation>
    </message>
    <message>
        <source>F6 · 84 (7×12 grid)</source>
        <translation>F6 · 84（7×12 网格）</translation>
    </message>
    <message>
        <source>F7 · 10</source>
        <translation>F7 · 10</translation>
    </message>
    <message>
        <source>softmax y · 10</source>
        <translation>softmax y · 10</translation>
    </message>
    <message>
        <source>{caption}: map {k}</source>
        <translation>{caption}：特征图 {k}</translation>
    </message>
    <message>
        <source>softmax y · predicted {d}</source>
        <translation>softmax y · 预测 {d}</translation>
    </message>
    <message>
        <source> ✓</source>
        <translation> ✓</translation>
    </message>
    <message>
        <source> ✗</source>
        <translation> ✗</translation>
    </message>
    <message>
        <source>Probe: {source} · label z = {z} · predicted {p} (y{sp} = {yp}){v}</source>
        <translation>探针：{source} · 标签 z = {z} · 预测 {p}（y{sp} = {yp}）{v}</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>The model options (activation f, the sub-sampling of S2 and S4, C3&apos;s connection table) and the training options: the learning rate α and momentum of the update rule, the mini-batch size and the number of epochs.</source>
        <translation>模型选项（激活函数 f、S2 和 S4 的下采样方式、C3 的连接表）和训练选项：学习公式中的学习速率 α 和动量、小批量大小以及训练轮数。</translation>
    </message>
    <message>
        <source>The course&apos;s Figure 1 for the probe sample: the input, then the feature maps of every layer left to right (C1 6@28×28, S2 6@14×14, C3 16@10×10, S4 16@5×5), the C5, F6 and F7 units and the softmax output y. Each map has its own colour bar (viridis).</source>
        <translation>探针样本的课程图 1：输入，然后从左到右是各层的特征图（C1 6@28×28、S2 6@14×14、C3 16@10×10、S4 16@5×5）、C5、F6 和 F7 的神经元以及 softmax 输出 y。每幅特征图都有自己的色标（viridis）。</translation>
    </message>
    <message>
        <source>The weights: C1&apos;s six 5×5 kernels, C3&apos;s 16×6 kernels laid out as Table 1 (hatched: not connected) and C5&apos;s kernels. A diverging colour map with symmetric levels: 0 is the neutral colour.</source>
        <translation>权值：C1 的六个 5×5 卷积核、按表 1 排列的 C3 的 16×6 个卷积核（阴影：无连接）以及 C5 的卷积核。采用对称范围的发散色图：0 为中性色。</translation>
    </message>
    <message>
        <source>The sensitivities δ of backpropagation for the probe sample: δ(u) of every layer and δ(w) of the C1 and C3 kernels, on a diverging colour map centred on 0, and each layer&apos;s ‖δ(w)‖ over the training steps.</source>
        <translation>探针样本在反向传播算法中的敏感值 δ：每层的 δ(u)（输入敏感值）以及 C1 和 C3 卷积核的 δ(w)（权值敏感值），用以 0 为中心的发散色图显示；还有各层 ‖δ(w)‖ 随训练步的变化。</translation>
    </message>
    <message>
        <source>The cost J (cross entropy) of every mini-batch, raw and smoothed, and the accuracy: smoothed per batch, on a 1,000-image test subset every few hundred batches and on the whole test set after each epoch. Hover a curve to read its values.</source>
        <translation>每个小批量的代价函数 J（交叉熵），原始值和平滑值；以及准确率：每批的平滑值、每隔几百批在 1,000 张测试子集上的值、每轮结束后在整个测试集上的值。把鼠标移到曲线上可读数。</translation>
    </message>
    <message>
        <source>Draw a digit: it is prepared the way MNIST was made (cropped, fitted into 20×20, centred in 28×28, padded to 32×32) and classified by the current weights; the bars are the softmax outputs y.</source>
        <translation>写一个数字：它按 MNIST 的制作方式处理（裁剪、缩放到 20×20、在 28×28 中居中、填充到 32×32），再用当前权值分类；条形是 softmax 输出 y。</translation>
    </message>
    <message>
        <source>LeNet-5 as the course draws it, with the trainable parameters and connections of every layer counted as the course counts them, and C3&apos;s connection table (Table 1). Click a layer to select it in every panel.</source>
        <translation>课程所画的 LeNet-5，各层的可训练参数和连接数按课程的方法计算，以及 C3 的连接表（表 1）。点击某一层可在所有面板中选中它。</translation>
    </message>
    <message>
        <source>Backpropagation of one sample, step by step in the course&apos;s order: forward pass, softmax, F7, F6, C5, S4, C3, S2, C1, then the update. Click a tile to list the terms of its sum; Check compares it with a finite difference.</source>
        <translation>一个样本的反向传播算法，按课程的顺序逐步进行：前向传播、softmax、F7、F6、C5、S4、C3、S2、C1，然后更新。点击一个方块可列出其求和的各项；“检验”把它与有限差分比较。</translation>
    </message>
    <message>
        <source>The test set classified by the current weights: rows are the true digits, columns the predicted ones, with per-class accuracy and precision. Click a cell to see its images.</source>
        <translation>用当前权值对测试集分类：行为真实数字，列为预测数字，并给出每类的准确率和精确率。点击一个格子查看其中的图片。</translation>
    </message>
    <message>
        <source>The MNIST images: the count and the mean image of every class, pages of images per class, and one image as raw bytes and as the network&apos;s 32×32 input.</source>
        <translation>MNIST 图片：每类的数量和平均图像、按类分页浏览的图片，以及一张图片的原始字节和网络的 32×32 输入。</translation>
    </message>
    <message>
        <source>How the accuracy falls when the test images are shifted, rotated or made noisy (not in the course), and what a confidence threshold on max y buys.</source>
        <translation>测试图片被平移、旋转或加噪声时准确率如何下降（课程中没有），以及对 max y 设置置信度阈值的效果。</translation>
    </message>
    <message>
        <source>The test images as points: the outputs of a layer (C5 or F6) projected to two dimensions and coloured by the true digit; the probe is marked.</source>
        <translation>把测试图片画成点：某一层（C5 或 F6）的输出投影到二维，并按真实数字着色；探针样本有标记。</translation>
    </message>
    <message>
        <source>Every training run: one configuration trained from a starting point, with its curves. Select two or more to overlay their loss and test accuracy; the legend names only what differs. The course&apos;s questions (Table 1 or a full C3, the sub-sampling, f, f at F7, α) run as experiments with the same seed and data.</source>
        <translation>每一次训练运行：一种配置从一个起点开始训练，以及它的曲线。选中两个或更多运行，可叠加比较它们的损失和测试准确率；图例只列出不同之处。课程中的问题（表 1 还是全连接 C3、下采样方式、激活函数 f、F7 是否用 f、学习率 α）可作为实验运行，使用相同的随机种子和数据。</translation>
    </message>
    <message>
        <source>Train / Pause / Resume</source>
        <translation>训练 / 暂停 / 继续</translation>
    </message>
    <message>
        <source>Step: train one mini-batch (in the stepper: next step)</source>
        <translation>单步：训练一个小批量（在逐步演示中：下一步）</translation>
    </message>
    <message>
        <source>Stop the training run</source>
        <translation>停止本次训练</translation>
    </message>
    <message>
        <source>New run from random weights</source>
        <translation>从随机权值开始新的训练运行</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Save the workspace</source>
        <translation>保存工作区</translation>
    </message>
    <message>
        <source>Open weights (a checkpoint)</source>
        <translation>打开权值（检查点）</translation>
    </message>
    <message>
        <source>Save the weights (a checkpoint)</source>
        <translation>保存权值（检查点）</translation>
    </message>
    <message>
        <source>Export the whole window as PNG or SVG</source>
        <translation>把整个窗口导出为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Export the loss history as CSV</source>
        <translation>把代价历史导出为 CSV</translation>
    </message>
    <message>
        <source>Reset the layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>本快捷键列表</translation>
    </message>
    <message>
        <source>What am I looking at? (the focused panel)</source>
        <translation>我在看什么？（当前焦点所在的面板）</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Stepper: first, last, previous step</source>
        <translation>逐步演示：第一步、最后一步、上一步</translation>
    </message>
    <message>
        <source>Canvas: undo the last stroke</source>
        <translation>画布：撤销上一笔</translation>
    </message>
    <message>
        <source>Timeline: the previous recorded snapshot</source>
        <translation>时间线：上一个记录的快照</translation>
    </message>
    <message>
        <source>Timeline: the next recorded snapshot</source>
        <translation>时间线：下一个记录的快照</translation>
    </message>
    <message>
        <source>Timeline: the first snapshot (the initial weights)</source>
        <translation>时间线：第一个快照（初始权值）</translation>
    </message>
    <message>
        <source>Timeline: back to the live network</source>
        <translation>时间线：回到实时网络</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the window</source>
        <translation>窗口的所有键盘快捷键</translation>
    </message>
    <message>
        <source>Course section</source>
        <translation>课程章节</translation>
    </message>
    <message>
        <source>lines {0}</source>
        <translation>第 {0} 行</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>What am I looking at? {0}</source>
        <translation>我在看什么？{0}</translation>
    </message>
    <message>
        <source>Watch the HHCV course&apos;s LeNet-5 learn: feature maps, kernels, sensitivities and the loss, live.</source>
        <translation>实时观看 HHCV 课程中的 LeNet-5 学习：特征图、卷积核、敏感值和代价函数。</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>see the LICENSE file</source>
        <translation>见 LICENSE 文件</translation>
    </message>
    <message>
        <source>the matplotlib licence (PSF-based)</source>
        <translation>matplotlib 许可证（基于 PSF）</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>The MNIST database of handwritten digits, by Y. LeCun, C. Cortes and C. J. C. Burges, under the Creative Commons Attribution-Share Alike 3.0 licence (CC BY-SA 3.0); see resources/mnist/README.md.</source>
        <translation>MNIST 手写数字数据集，作者 Y. LeCun、C. Cortes 和 C. J. C. Burges，采用知识共享 署名-相同方式共享 3.0 许可协议（CC BY-SA 3.0）；见 resources/mnist/README.md。</translation>
    </message>
    <message>
        <source>After Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, Gradient-based learning applied to document recognition, 1998.</source>
        <translation>依据 Y. LeCun、L. Bottou、Y. Bengio 和 P. Haffner 的论文《Gradient-based learning applied to document recognition》（1998）。</translation>
    </message>
    <message>
        <source>About LeNet-5 Studio</source>
        <translation>关于 LeNet-5 Studio</translation>
    </message>
</context>
<context>
    <name>KernelsPanel</name>
    <message>
        <source>Weights w and kernels; 0 is white, the colour bars show the symmetric levels (tracked: they widen at once and shrink slowly).</source>
        <translation>权值 w 和卷积核；0 为白色，色标显示对称的范围（跟踪：立即扩大、缓慢缩小）。</translation>
    </message>
    <message>
        <source>C1 kernels w1 · 6×5×5</source>
        <translation>C1 卷积核 w1 · 6×5×5</translation>
    </message>
    <message>
        <source>C1 kernel w1{k} · 5×5</source>
        <translation>C1 卷积核 w1{k} · 5×5</translation>
    </message>
    <message>
        <source>C3 kernels w3 · 16×6×5×5</source>
        <translation>C3 卷积核 w3 · 16×6×5×5</translation>
    </message>
    <message>
        <source>C5 kernels w5 · 120×16×5×5</source>
        <translation>C5 卷积核 w5 · 120×16×5×5</translation>
    </message>
    <message>
        <source>one block per S4 map m = 0…15; rows: C5 unit l = 0…119; columns: kernel element (u, v), row by row</source>
        <translation>每个 S4 特征图 m = 0…15 一块；行：C5 神经元 l = 0…119；列：卷积核元素 (u, v)，逐行排列</translation>
    </message>
    <message>
        <source>C5 kernels from S4 map {m}: w5{ml}, 120 × 25</source>
        <translation>来自 S4 特征图 {m} 的 C5 卷积核：w5{ml}，120 × 25</translation>
    </message>
    <message>
        <source>F6 weights w6 · 84×120</source>
        <translation>F6 权值 w6 · 84×120</translation>
    </message>
    <message>
        <source>rows: F6 unit i; columns: C5 unit j</source>
        <translation>行：F6 神经元 i；列：C5 神经元 j</translation>
    </message>
    <message>
        <source>F7 weights w7 · 10×84</source>
        <translation>F7 权值 w7 · 10×84</translation>
    </message>
    <message>
        <source>rows: F7 unit i; columns: F6 unit j</source>
        <translation>行：F7 神经元 i；列：F6 神经元 j</translation>
    </message>
    <message>
        <source>{name}: S2 map {k} → C3 map {m} not connected (Table 1)</source>
        <translation>{name}：S2 特征图 {k} → C3 特征图 {m} 无连接（表 1）</translation>
    </message>
    <message>
        <source>C3 kernel w3{km}: S2 map {k} → C3 map {m}</source>
        <translation>C3 卷积核 w3{km}：S2 特征图 {k} → C3 特征图 {m}</translation>
    </message>
    <message>
        <source> (not connected in Table 1)</source>
        <translation>（表 1 中无连接）</translation>
    </message>
    <message>
        <source>Table 1 layout: rows S2 map k = 0…5, columns C3 map m = 0…15; {n} of 96 pairs connected, the {e} hatched grey ones are not</source>
        <translation>按表 1 排列：行为 S2 特征图 k = 0…5，列为 C3 特征图 m = 0…15；96 对中有 {n} 对相连，{e} 个灰色阴影的无连接</translation>
    </message>
    <message>
        <source>rows S2 map k = 0…5, columns C3 map m = 0…15; C3 fully connected (all 96 pairs)</source>
        <translation>行为 S2 特征图 k = 0…5，列为 C3 特征图 m = 0…15；C3 全连接（全部 96 对）</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation>用对数坐标轴显示代价</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Forget the curves drawn so far</source>
        <translation>清除目前画出的曲线</translation>
    </message>
    <message>
        <source>Hover a curve to read its values</source>
        <translation>把鼠标移到曲线上读数</translation>
    </message>
    <message>
        <source>Values at the mouse position</source>
        <translation>鼠标位置处的数值</translation>
    </message>
    <message>
        <source>Loss J (cross-entropy)</source>
        <translation>代价函数 J（交叉熵）</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>loss per batch</source>
        <translation>每批的代价</translation>
    </message>
    <message>
        <source>smoothed (accuracy: smoothed per batch)</source>
        <translation>平滑值（准确率：每批平滑）</translation>
    </message>
    <message>
        <source>test subset (1,000 images)</source>
        <translation>测试子集（1,000 张）</translation>
    </message>
    <message>
        <source>whole test set, per epoch</source>
        <translation>整个测试集，每轮</translation>
    </message>
    <message>
        <source>What the curves show</source>
        <translation>各曲线的含义</translation>
    </message>
    <message>
        <source>diverged at batch {0}</source>
        <translation>在第 {0} 批发散</translation>
    </message>
    <message>
        <source>no batches yet</source>
        <translation>还没有批次</translation>
    </message>
    <message>
        <source>batch {0}: loss {1:.4f}, smoothed {2:.4f}, accuracy (smoothed) {3:.1f} %</source>
        <translation>第 {0} 批：代价 {1:.4f}，平滑 {2:.4f}，准确率（平滑）{3:.1f} %</translation>
    </message>
    <message>
        <source>subset</source>
        <translation>子集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>; {0} at batch {1}: loss {2:.4f}, accuracy {3:.2f} %</source>
        <translation>；{0}在第 {1} 批：代价 {2:.4f}，准确率 {3:.2f} %</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Kernels</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>δ heatmaps</source>
        <translation>δ 敏感值热图</translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation>代价与准确率</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>Backprop stepper</source>
        <translation>反向传播逐步演示</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Data explorer</source>
        <translation>数据浏览</translation>
    </message>
    <message>
        <source>Robustness</source>
        <translation>鲁棒性</translation>
    </message>
    <message>
        <source>Feature space</source>
        <translation>特征空间</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>LeNet-5 Studio</source>
        <translation>LeNet-5 Studio</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train exactly one mini-batch, then stay paused (→)</source>
        <translation>只训练一个小批量，然后保持暂停（→）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>End this training run (Ctrl+.)</source>
        <translation>结束本次训练（Ctrl+.）</translation>
    </message>
    <message>
        <source>New run</source>
        <translation>新的训练运行</translation>
    </message>
    <message>
        <source>Start a new run from random weights; the current run stays in the Runs panel (Ctrl+R)</source>
        <translation>从随机权值开始新的训练运行；当前运行保留在“训练运行”面板中（Ctrl+R）</translation>
    </message>
    <message>
        <source>Open workspace…</source>
        <translation>打开工作区…</translation>
    </message>
    <message>
        <source>Restore a saved workspace: configuration, weights and loss history (Ctrl+O)</source>
        <translation>恢复保存的工作区：配置、权值和代价历史（Ctrl+O）</translation>
    </message>
    <message>
        <source>Save workspace…</source>
        <translation>保存工作区…</translation>
    </message>
    <message>
        <source>Save the configuration, the weights and the loss history (Ctrl+S)</source>
        <translation>保存配置、权值和代价历史（Ctrl+S）</translation>
    </message>
    <message>
        <source>Open weights…</source>
        <translation>打开权值…</translation>
    </message>
    <message>
        <source>Load weights from a .npz checkpoint (Ctrl+Shift+O)</source>
        <translation>从 .npz 检查点载入权值（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>Save weights…</source>
        <translation>保存权值…</translation>
    </message>
    <message>
        <source>Save the current weights as a .npz checkpoint (Ctrl+Shift+S)</source>
        <translation>把当前权值保存为 .npz 检查点（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Whole window…</source>
        <translation>整个窗口…</translation>
    </message>
    <message>
        <source>Save a picture of the whole window as PNG or SVG (Ctrl+E)</source>
        <translation>把整个窗口保存为 PNG 或 SVG 图片（Ctrl+E）</translation>
    </message>
    <message>
        <source>Loss history as CSV…</source>
        <translation>代价历史（CSV）…</translation>
    </message>
    <message>
        <source>Save the loss and accuracy curves as a CSV table (Ctrl+Shift+E)</source>
        <translation>把代价和准确率曲线保存为 CSV 表格（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Close the application</source>
        <translation>关闭程序</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>Put every panel back in its default place (Ctrl+Shift+R)</source>
        <translation>把每个面板放回默认位置（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the window (F1)</source>
        <translation>窗口的所有键盘快捷键（F1）</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>我在看什么？</translation>
    </message>
    <message>
        <source>Explain the panel that has the keyboard focus (Shift+F1)</source>
        <translation>解释键盘焦点所在的面板（Shift+F1）</translation>
    </message>
    <message>
        <source>About LeNet-5 Studio</source>
        <translation>关于 LeNet-5 Studio</translation>
    </message>
    <message>
        <source>Version, licences and the MNIST attribution</source>
        <translation>版本、许可证和 MNIST 数据来源</translation>
    </message>
    <message>
        <source>Show the interface in {0}</source>
        <translation>界面使用{0}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Save a panel as a picture, or the loss history</source>
        <translation>把面板保存为图片，或导出代价历史</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <source>Slow motion: from about one batch a second to full speed</source>
        <translation>慢动作：从每秒约一批到全速</translation>
    </message>
    <message>
        <source>Training speed: left is slow motion (about one batch a second), right is full speed</source>
        <translation>训练速度：左边是慢动作（每秒约一批），右边是全速</translation>
    </message>
    <message>
        <source>The pause after each batch</source>
        <translation>每批之后的停顿</translation>
    </message>
    <message>
        <source> Probe: test image # </source>
        <translation> 探针：测试图片 # </translation>
    </message>
    <message>
        <source>The sample every panel shows</source>
        <translation>所有面板显示的样本</translation>
    </message>
    <message>
        <source>Index of the test image shown in every panel</source>
        <translation>所有面板显示的测试图片的序号</translation>
    </message>
    <message>
        <source>The probe sample as the network sees it</source>
        <translation>网络所见的探针样本</translation>
    </message>
    <message>
        <source>The probe&apos;s true label and the network&apos;s answer</source>
        <translation>探针样本的真实标签和网络的回答</translation>
    </message>
    <message>
        <source>Epoch, batch, training speed and time left</source>
        <translation>轮次、批次、训练速度和剩余时间</translation>
    </message>
    <message>
        <source>Progress of the data load or of the training run</source>
        <translation>数据载入或训练的进度</translation>
    </message>
    <message>
        <source>{0}: right-click the title to export it or to ask what it shows</source>
        <translation>{0}：右键点击标题可导出它，或查看它显示的内容</translation>
    </message>
    <message>
        <source>Show or hide the {0} panel</source>
        <translation>显示或隐藏“{0}”面板</translation>
    </message>
    <message>
        <source>{0} as PNG…</source>
        <translation>{0}（PNG）…</translation>
    </message>
    <message>
        <source>{0} as SVG…</source>
        <translation>{0}（SVG）…</translation>
    </message>
    <message>
        <source>Save a picture of the {0} panel</source>
        <translation>保存“{0}”面板的图片</translation>
    </message>
    <message>
        <source>What the {0} panel shows, with the course&apos;s section and formula</source>
        <translation>“{0}”面板显示的内容，以及对应的课程章节和公式</translation>
    </message>
    <message>
        <source>Layout reset</source>
        <translation>布局已重置</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>注意：{0}</translation>
    </message>
    <message>
        <source>Loading MNIST…</source>
        <translation>正在载入 MNIST…</translation>
    </message>
    <message>
        <source>Loading MNIST: {0} ({1}/{2})</source>
        <translation>正在载入 MNIST：{0}（{1}/{2}）</translation>
    </message>
    <message>
        <source>MNIST loaded</source>
        <translation>MNIST 已载入</translation>
    </message>
    <message>
        <source>Could not load MNIST</source>
        <translation>无法载入 MNIST</translation>
    </message>
    <message>
        <source>{0:,} training and {1:,} test images loaded</source>
        <translation>已载入 {0:,} 张训练图片和 {1:,} 张测试图片</translation>
    </message>
    <message>
        <source>No shipped weights found ({0}): starting from random weights</source>
        <translation>未找到随附的权值（{0}）：从随机权值开始</translation>
    </message>
    <message>
        <source>Shipped weights unusable ({0}): starting from random weights</source>
        <translation>随附的权值不可用（{0}）：从随机权值开始</translation>
    </message>
    <message>
        <source>pretrained ({0:.2f} %)</source>
        <translation>预训练（{0:.2f} %）</translation>
    </message>
    <message>
        <source>pretrained</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source> {0}: label {1}</source>
        <translation> {0}：标签 {1}</translation>
    </message>
    <message>
        <source> {0}: label {1} · net says {2} ({3:.0f} %)</source>
        <translation> {0}：标签 {1} · 网络认为是 {2}（{3:.0f} %）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause training (Space)</source>
        <translation>暂停训练（空格）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue training (Space)</source>
        <translation>继续训练（空格）</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Start training (Space)</source>
        <translation>开始训练（空格）</translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation>无法训练</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>训练发散</translation>
    </message>
    <message>
        <source>Diverged: the last good weights were restored</source>
        <translation>发散：已恢复最后一组正常的权值</translation>
    </message>
    <message>
        <source>epoch {0}/{1} · batch {2}/{3} · {4:,.0f} samples/s · ETA {5}</source>
        <translation>第 {0}/{1} 轮 · 第 {2}/{3} 批 · 每秒 {4:,.0f} 个样本 · 剩余 {5}</translation>
    </message>
    <message>
        <source> · test {0:.2f} %</source>
        <translation> · 测试 {0:.2f} %</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>The training thread stopped with an error:

{0}

The weights of the last update are kept.</source>
        <translation>训练线程因错误而停止：

{0}

保留最后一次更新的权值。</translation>
    </message>
    <message>
        <source>Training finished</source>
        <translation>训练完成</translation>
    </message>
    <message>
        <source>This architecture needs new weights: a new run starts from random weights (the current run stays in the Runs panel). Continue?</source>
        <translation>这种结构需要新的权值：将从随机权值开始新的训练运行（当前运行保留在“训练运行”面板中）。继续吗？</translation>
    </message>
    <message>
        <source>New run from random weights</source>
        <translation>从随机权值开始新的训练运行</translation>
    </message>
    <message>
        <source>full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>{0:.1f} s / batch</source>
        <translation>{0:.1f} 秒 / 批</translation>
    </message>
    <message>
        <source>+{0:.0f} ms / batch</source>
        <translation>+{0:.0f} 毫秒 / 批</translation>
    </message>
    <message>
        <source>Batch size, epochs and augmentation apply to the next run (Stop, then Train)</source>
        <translation>批大小、轮数和数据增强在下一次训练时生效（先停止，再训练）</translation>
    </message>
    <message>
        <source>Change the architecture?</source>
        <translation>更改网络结构？</translation>
    </message>
    <message>
        <source>New architecture, random weights</source>
        <translation>新的网络结构，随机权值</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.npz);;All files (*)</source>
        <translation>检查点 (*.npz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open checkpoint</source>
        <translation>无法打开检查点</translation>
    </message>
    <message>
        <source>{0}

The current weights are unchanged.</source>
        <translation>{0}

当前权值没有改变。</translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.npz)</source>
        <translation>检查点 (*.npz)</translation>
    </message>
    <message>
        <source>Cannot save checkpoint</source>
        <translation>无法保存检查点</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Workspaces (*.npz);;All files (*)</source>
        <translation>工作区 (*.npz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>{0}

Nothing was changed.</source>
        <translation>{0}

没有做任何改变。</translation>
    </message>
    <message>
        <source>Opened workspace {0}</source>
        <translation>已打开工作区 {0}</translation>
    </message>
    <message>
        <source>The timeline was skipped</source>
        <translation>时间线已跳过</translation>
    </message>
    <message>
        <source>Save workspace</source>
        <translation>保存工作区</translation>
    </message>
    <message>
        <source>Workspaces (*.npz)</source>
        <translation>工作区 (*.npz)</translation>
    </message>
    <message>
        <source>Cannot save workspace</source>
        <translation>无法保存工作区</translation>
    </message>
    <message>
        <source>Saved workspace {0}</source>
        <translation>已保存工作区 {0}</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export the loss history</source>
        <translation>导出代价历史</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The translation could not be loaded.</source>
        <translation>无法载入翻译。</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <source>Some runs could not be read: {0}</source>
        <translation>有些训练运行无法读取：{0}</translation>
    </message>
    <message>
        <source>run {0}</source>
        <translation>运行 {0}</translation>
    </message>
    <message>
        <source>Cannot save the run: {0}</source>
        <translation>无法保存训练运行：{0}</translation>
    </message>
    <message>
        <source>Rename the run</source>
        <translation>重命名训练运行</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Delete the run?</source>
        <translation>删除训练运行？</translation>
    </message>
    <message>
        <source>Delete the run “{0}”? Undo (in the Runs panel) brings it back until the application closes.</source>
        <translation>删除训练运行“{0}”？在应用程序关闭之前，可在“训练运行”面板中撤销。</translation>
    </message>
    <message>
        <source>Export the run</source>
        <translation>导出训练运行</translation>
    </message>
</context>
<context>
    <name>PanelCommon</name>
    <message>
        <source>Enlarged map</source>
        <translation>放大的特征图</translation>
    </message>
    <message>
        <source>colour levels {lo} … {hi} (as in the panel)</source>
        <translation>颜色范围 {lo} … {hi}（与面板相同）</translation>
    </message>
</context>
<context>
    <name>Probe</name>
    <message>
        <source>test #{0}</source>
        <translation>测试 #{0}</translation>
    </message>
    <message>
        <source>train #{0}</source>
        <translation>训练 #{0}</translation>
    </message>
    <message>
        <source>drawing</source>
        <translation>手写数字</translation>
    </message>
</context>
<context>
    <name>Runs</name>
    <message>
        <source>Table 1 or a full C3?</source>
        <translation>表 1 还是全连接的 C3？</translation>
    </message>
    <message>
        <source>Max, mean or trainable sub-sampling?</source>
        <translation>最大、平均还是可训练的下采样？</translation>
    </message>
    <message>
        <source>Scaled tanh, sigmoid or ReLU?</source>
        <translation>缩放的 tanh、sigmoid 还是 ReLU？</translation>
    </message>
    <message>
        <source>f at F7 or not?</source>
        <translation>F7 是否使用 f？</translation>
    </message>
    <message>
        <source>Which learning rate α?</source>
        <translation>学习率 α 取多少？</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>best test</source>
        <translation>最佳测试</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Make the selected run the current one: Train continues it</source>
        <translation>把选中的运行设为当前运行：“训练”将继续训练它</translation>
    </message>
    <message>
        <source>New run</source>
        <translation>新的运行</translation>
    </message>
    <message>
        <source>A new run from random weights (the others are kept)</source>
        <translation>从随机权值开始新的运行（其他运行保留）</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename the selected run</source>
        <translation>重命名选中的运行</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected run (asks first; Undo brings it back until the application closes)</source>
        <translation>删除选中的运行（先询问；在应用程序关闭前可撤销）</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <source>Bring back the last deleted run</source>
        <translation>恢复最近删除的运行</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the selected run as a workspace file</source>
        <translation>把选中的运行保存为工作区文件</translation>
    </message>
    <message>
        <source>Use for the canvas</source>
        <translation>用于画板</translation>
    </message>
    <message>
        <source>Classify drawings with the selected run&apos;s weights</source>
        <translation>用选中运行的权值识别手写数字</translation>
    </message>
    <message>
        <source>The course asks:</source>
        <translation>课程的问题：</translation>
    </message>
    <message>
        <source>One of the course&apos;s questions: its runs train one after another, same seed and data</source>
        <translation>课程中的一个问题：它的各个运行依次训练，使用相同的随机种子和数据</translation>
    </message>
    <message>
        <source>Run the experiment</source>
        <translation>运行实验</translation>
    </message>
    <message>
        <source>Select two or more runs to overlay their curves. ▶ the current run, ✎ the canvas&apos;s model</source>
        <translation>选中两个或更多运行以叠加它们的曲线。▶ 当前运行，✎ 画板使用的模型</translation>
    </message>
    <message>
        <source>Loss J (smoothed)</source>
        <translation>损失 J（平滑）</translation>
    </message>
    <message>
        <source>Test accuracy (%)</source>
        <translation>测试准确率（%）</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>LeCun: 1.7159·tanh(2u/3)</source>
        <translation>LeCun：1.7159·tanh(2u/3)</translation>
    </message>
    <message>
        <source>sigmoid 1/(1+e⁻ᵘ)</source>
        <translation>sigmoid 1/(1+e⁻ᵘ)</translation>
    </message>
    <message>
        <source>course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>course, f at F7</source>
        <translation>课程，F7 带 f</translation>
    </message>
    <message>
        <source>LeNet-5 1998</source>
        <translation>LeNet-5 1998</translation>
    </message>
    <message>
        <source>modern</source>
        <translation>现代</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>A named model configuration; &apos;course&apos; is the course&apos;s LeNet-5</source>
        <translation>命名的模型配置；“课程”即课程中的 LeNet-5</translation>
    </message>
    <message>
        <source>f, the activation function of every layer</source>
        <translation>f，每一层的激活函数</translation>
    </message>
    <message>
        <source>max-pooling (course)</source>
        <translation>max-pooling 最大池化（课程）</translation>
    </message>
    <message>
        <source>mean-pooling</source>
        <translation>mean-pooling 平均池化</translation>
    </message>
    <message>
        <source>trainable a·Σ + b (LeNet 1998)</source>
        <translation>可训练 a·Σ + b（LeNet 1998）</translation>
    </message>
    <message>
        <source>How S2 and S4 sub-sample their 2×2 windows</source>
        <translation>S2 和 S4 如何对 2×2 窗口下采样</translation>
    </message>
    <message>
        <source>Table 1 (60 of 96)</source>
        <translation>表 1（96 取 60）</translation>
    </message>
    <message>
        <source>full (96 of 96)</source>
        <translation>全连接（96 取 96）</translation>
    </message>
    <message>
        <source>Which S2 maps each C3 map reads: the course&apos;s Table 1 or all</source>
        <translation>每个 C3 特征图读取哪些 S2 特征图：课程的表 1 或全部</translation>
    </message>
    <message>
        <source>f at F7</source>
        <translation>F7 带 f</translation>
    </message>
    <message>
        <source>Apply f to F7 before the softmax, literally as the course writes f7 = f(u_f7)</source>
        <translation>在 softmax 之前对 F7 施加 f，完全按课程写的 f7 = f(u_f7)</translation>
    </message>
    <message>
        <source>Learning rate α in θ := θ − α·∂J/∂θ (takes effect at once; the schedule scales it)</source>
        <translation>θ := θ − α·∂J/∂θ 中的学习速率 α（立即生效；学习率计划会缩放它）</translation>
    </message>
    <message>
        <source>Momentum μ in v := μ·v − α·∂J/∂θ (takes effect at once)</source>
        <translation>v := μ·v − α·∂J/∂θ 中的动量 μ（立即生效）</translation>
    </message>
    <message>
        <source>Images per mini-batch (applies to the next run)</source>
        <translation>每个小批量的图片数（下一次训练生效）</translation>
    </message>
    <message>
        <source>Passes over the training set (applies to the next run)</source>
        <translation>遍历训练集的次数（下一次训练生效）</translation>
    </message>
    <message>
        <source>augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Random affine moves and elastic distortions of the training images (applies to the next run)</source>
        <translation>对训练图片做随机仿射变换和弹性形变（下一次训练生效）</translation>
    </message>
    <message>
        <source>Trainable parameters of this configuration</source>
        <translation>此配置的可训练参数</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Activation f</source>
        <translation>激活函数 f</translation>
    </message>
    <message>
        <source>S2/S4</source>
        <translation>S2/S4 下采样</translation>
    </message>
    <message>
        <source>C3</source>
        <translation>C3 连接</translation>
    </message>
    <message>
        <source>Learning rate α</source>
        <translation>学习速率 α</translation>
    </message>
    <message>
        <source>Momentum μ</source>
        <translation>动量 μ</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>{0:,} trainable parameters</source>
        <translation>{0:,} 个可训练参数</translation>
    </message>
</context>
<context>
    <name>Stepper</name>
    <message>
        <source>Sample:</source>
        <translation>样本：</translation>
    </message>
    <message>
        <source>test #</source>
        <translation>测试 #</translation>
    </message>
    <message>
        <source>Index of the test image</source>
        <translation>测试图片的序号</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>A random test image</source>
        <translation>随机一张测试图片</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>探针</translation>
    </message>
    <message>
        <source>Use the probe sample of the other panels, or the canvas drawing</source>
        <translation>使用其他面板的探针样本或画布上的手写数字</translation>
    </message>
    <message>
        <source>label z:</source>
        <translation>标签 z：</translation>
    </message>
    <message>
        <source>The target digit z of J = −Σ zᵢ log yᵢ</source>
        <translation>J = −Σ zᵢ log yᵢ 中的目标数字 z</translation>
    </message>
    <message>
        <source>Learning rate α of the update step θ := θ − α·δ(θ)</source>
        <translation>更新步骤 θ := θ − α·δ(θ) 的学习率 α</translation>
    </message>
    <message>
        <source>Refresh weights</source>
        <translation>刷新权值</translation>
    </message>
    <message>
        <source>Re-read the current weights (paused training or the loaded checkpoint)</source>
        <translation>重新读取当前权值（暂停的训练或载入的检查点）</translation>
    </message>
    <message>
        <source>First step (Home)</source>
        <translation>第一步（Home）</translation>
    </message>
    <message>
        <source>Previous step (←)</source>
        <translation>上一步（←）</translation>
    </message>
    <message>
        <source>Next step (→)</source>
        <translation>下一步（→）</translation>
    </message>
    <message>
        <source>Last step (End)</source>
        <translation>最后一步（End）</translation>
    </message>
    <message>
        <source>Play the steps</source>
        <translation>自动播放各步</translation>
    </message>
    <message>
        <source> s/step</source>
        <translation> 秒/步</translation>
    </message>
    <message>
        <source>Seconds per step while playing</source>
        <translation>播放时每步的秒数</translation>
    </message>
    <message>
        <source>α:</source>
        <translation>α：</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习速率</translation>
    </message>
    <message>
        <source>term</source>
        <translation>项</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>factors</source>
        <translation>因子</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检验</translation>
    </message>
    <message>
        <source>Compare with a central finite difference of J in float64 on the same sample</source>
        <translation>在同一样本上与 J 的 float64 中心有限差分比较</translation>
    </message>
    <message>
        <source>Waiting for weights and data: train, or open a checkpoint, then press Refresh weights.</source>
        <translation>正在等待权值和数据：请训练或打开检查点，然后按“刷新权值”。</translation>
    </message>
    <message>
        <source>true {0}</source>
        <translation>真实 {0}</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>无标签</translation>
    </message>
    <message>
        <source>{0} · predicted {1} ({2:.0%})</source>
        <translation>{0} · 预测 {1}（{2:.0%}）</translation>
    </message>
    <message>
        <source>Refresh weights •</source>
        <translation>刷新权值 •</translation>
    </message>
    <message>
        <source>Newer weights are available</source>
        <translation>有更新的权值</translation>
    </message>
    <message>
        <source>Colours saturate beyond the 99th percentile of |values|; hover for exact numbers</source>
        <translation>超过 |值| 第 99 百分位数的颜色饱和显示；鼠标悬停可看精确数值</translation>
    </message>
    <message>
        <source>J = −log y_z = {0:.6g}. Click a tile to see the terms of its sum.</source>
        <translation>J = −log y_z = {0:.6g}。点击一个方块查看其求和的各项。</translation>
    </message>
    <message>
        <source>Click a tile of a map to see the terms of its sum, largest first, then Check it.</source>
        <translation>点击特征图中的一个方块，查看其求和的各项（大的在前），然后“检验”。</translation>
    </message>
    <message>
        <source>i</source>
        <translation>i</translation>
    </message>
    <message>
        <source>δ(f7ᵢ)</source>
        <translation>δ(f7ᵢ)</translation>
    </message>
    <message>
        <source>yᵢ − zᵢ</source>
        <translation>yᵢ − zᵢ</translation>
    </message>
    <message>
        <source>J: {0:.6g} → {1:.6g} ({2:+.1%})</source>
        <translation>J：{0:.6g} → {1:.6g}（{2:+.1%}）</translation>
    </message>
    <message>
        <source>How each kernel changed: ‖Δθ‖ per layer and per kernel (click a tile for one weight).</source>
        <translation>每个卷积核的变化：每层、每个卷积核的 ‖Δθ‖（点击方块查看单个权值）。</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>‖Δθ‖</source>
        <translation>‖Δθ‖</translation>
    </message>
    <message>
        <source>‖Δθ‖ / ‖θ‖</source>
        <translation>‖Δθ‖ / ‖θ‖</translation>
    </message>
    <message>
        <source>{0} = {1:.6g}: {2} terms, largest first (sum {3:.6g})</source>
        <translation>{0} = {1:.6g}：{2} 项，大的在前（和为 {3:.6g}）</translation>
    </message>
    <message>
        <source>{0} = {1:.6g}</source>
        <translation>{0} = {1:.6g}</translation>
    </message>
    <message>
        <source>… {0} smaller terms</source>
        <translation>… 还有 {0} 个较小的项</translation>
    </message>
    <message>
        <source>analytic {0:.6e} · numeric {1:.6e} · relative error {2:.1e}</source>
        <translation>解析 {0:.6e} · 数值 {1:.6e} · 相对误差 {2:.1e}</translation>
    </message>
    <message>
        <source>{0}: δ from the model&apos;s backward pass in float64 against (J(θ+h) − J(θ−h)) / 2h, h = {1:g}</source>
        <translation>{0}：模型 float64 反向传播得到的 δ，对比 (J(θ+h) − J(θ−h)) / 2h，h = {1:g}</translation>
    </message>
    <message>
        <source>J has a kink here (a max-pooling tie or a ReLU at 0): the one-sided slopes differ, so no derivative exists.</source>
        <translation>J 在这里有折点（max-pooling 并列或 ReLU 在 0 处）：左右斜率不同，所以导数不存在。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Viewing batch {0:,} of run “{1}” (snapshot {2} of {3})</source>
        <translation>正在查看运行“{1}”的第 {0:,} 批（快照 {2}/{3}）</translation>
    </message>
    <message>
        <source>— training goes on meanwhile</source>
        <translation>—— 训练仍在后台进行</translation>
    </message>
    <message>
        <source>Back to live (Alt+L)</source>
        <translation>回到实时（Alt+L）</translation>
    </message>
    <message>
        <source>Show the network as it is now</source>
        <translation>显示网络当前的样子</translation>
    </message>
    <message>
        <source>The panels show the network as it was after this many batches: its weights w and b were recorded then. The feature maps, kernels, δ heatmaps, the confusion matrix and the rest all use those weights. Training (if running) goes on; “Back to live” shows the current weights again.</source>
        <translation>各面板显示的是训练了这么多批之后的网络：那时记录下了它的权值 w 和偏差 b。特征图、卷积核、δ 热图、混淆矩阵等都使用这些权值。训练（若在进行）不受影响；“回到实时”重新显示当前的权值。</translation>
    </message>
    <message>
        <source>no timeline recorded</source>
        <translation>未记录时间线</translation>
    </message>
    <message>
        <source>live · {0} snapshots</source>
        <translation>实时 · {0} 个快照</translation>
    </message>
    <message>
        <source>batch {0:,} · {1}/{2}</source>
        <translation>第 {0:,} 批 · {1}/{2}</translation>
    </message>
    <message>
        <source>⏸ Pause</source>
        <translation>⏸ 暂停</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 回放</translation>
    </message>
    <message>
        <source>Replay the run from its first recorded snapshot, every panel moving together</source>
        <translation>从第一个记录的快照开始回放这次运行，所有面板同步变化</translation>
    </message>
    <message>
        <source> /s</source>
        <translation> 个/秒</translation>
    </message>
    <message>
        <source>Replay speed: snapshots per second</source>
        <translation>回放速度：每秒快照数</translation>
    </message>
    <message>
        <source>Drag to see the network after any recorded batch (Alt+Left, Alt+Right, Alt+Home); the right end is the live network (Alt+L)</source>
        <translation>拖动以查看任一记录批次之后的网络（Alt+Left、Alt+Right、Alt+Home）；最右端是实时网络（Alt+L）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Back to the live network (Alt+L)</source>
        <translation>回到实时网络（Alt+L）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save a panel over a range of the timeline as an animated GIF, an APNG or PNG frames</source>
        <translation>把某个面板在一段时间线上的变化保存为 GIF 动画、APNG 或 PNG 帧</translation>
    </message>
    <message>
        <source>The timeline of this run: its weights w and b were recorded after every batch at first, then less and less often. Each position is one recorded snapshot; every panel shows the network as it was after that many batches (mini-batches of gradient descent θ := θ − α·δ(θ)). The right end is the network training now.</source>
        <translation>这次运行的时间线：权值 w 和偏差 b 起初每批之后都记录，之后越来越稀疏。每个位置是一个记录的快照；所有面板显示训练了那么多批（梯度下降 θ := θ − α·δ(θ) 的小批量）之后的网络。最右端是正在训练的网络。</translation>
    </message>
    <message>
        <source>Plays the recorded snapshots in order, from the first (the random initial weights) on, at the speed beside it. Moving the slider or going live stops it.</source>
        <translation>按顺序播放记录的快照，从第一个（随机初始权值）开始，速度见旁边的设置。移动滑块或回到实时会停止回放。</translation>
    </message>
    <message>
        <source>How many recorded snapshots Replay shows per second.</source>
        <translation>回放每秒显示多少个记录的快照。</translation>
    </message>
    <message>
        <source>The batch whose weights the panels show, and which recorded snapshot that is.</source>
        <translation>各面板所显示权值对应的批次，以及它是第几个记录的快照。</translation>
    </message>
    <message>
        <source>Renders one panel for every recorded snapshot in a range of batches and saves the pictures as an animation (GIF or APNG) or as numbered PNG files.</source>
        <translation>为一段批次范围内的每个记录快照绘制一个面板，并把图片保存为动画（GIF 或 APNG）或编号的 PNG 文件。</translation>
    </message>
    <message>
        <source>Shows the current weights again (training goes on while you look at the past).</source>
        <translation>重新显示当前的权值（查看过去时训练仍在继续）。</translation>
    </message>
    <message>
        <source>Export the timeline as an animation</source>
        <translation>把时间线导出为动画</translation>
    </message>
    <message>
        <source>animated GIF</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <source>animated PNG (APNG)</source>
        <translation>PNG 动画（APNG）</translation>
    </message>
    <message>
        <source>numbered PNG frames (a folder)</source>
        <translation>编号的 PNG 帧（一个文件夹）</translation>
    </message>
    <message>
        <source>Panel:</source>
        <translation>面板：</translation>
    </message>
    <message>
        <source>From batch:</source>
        <translation>起始批次：</translation>
    </message>
    <message>
        <source>To batch:</source>
        <translation>结束批次：</translation>
    </message>
    <message>
        <source>Frames per second:</source>
        <translation>每秒帧数：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>The panel drawn once for every recorded snapshot in the range.</source>
        <translation>对范围内每个记录的快照各绘制一次的面板。</translation>
    </message>
    <message>
        <source>The first and last batch of the range: the snapshots recorded after that many mini-batches of training (0: the initial random weights).</source>
        <translation>范围的起始和结束批次：训练了这么多个小批量之后记录的快照（0：随机初始权值）。</translation>
    </message>
    <message>
        <source>Frames (snapshots) per second of the animation.</source>
        <translation>动画每秒的帧（快照）数。</translation>
    </message>
    <message>
        <source>GIF plays everywhere (256 colours a frame); APNG keeps every colour; PNG frames are numbered files in a folder, one per snapshot.</source>
        <translation>GIF 到处都能播放（每帧 256 色）；APNG 保留全部颜色；PNG 帧是文件夹中的编号文件，每个快照一个。</translation>
    </message>
    <message>
        <source>No timeline</source>
        <translation>没有时间线</translation>
    </message>
    <message>
        <source>This run has no recorded timeline: train it to record one.</source>
        <translation>这次运行没有记录时间线：训练它即可记录。</translation>
    </message>
    <message>
        <source>{0} recorded snapshots in this range</source>
        <translation>此范围内有 {0} 个记录的快照</translation>
    </message>
    <message>
        <source>Folder for the frames</source>
        <translation>存放帧的文件夹</translation>
    </message>
    <message>
        <source>Save the animation</source>
        <translation>保存动画</translation>
    </message>
    <message>
        <source>Animations (*.gif *.png *.apng)</source>
        <translation>动画 (*.gif *.png *.apng)</translation>
    </message>
    <message>
        <source>Drawing the frames…</source>
        <translation>正在绘制各帧…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>batch {0:,}</source>
        <translation>第 {0:,} 批</translation>
    </message>
    <message>
        <source>Previous snapshot</source>
        <translation>上一个快照</translation>
    </message>
    <message>
        <source>Show the network one recorded snapshot earlier (Alt+Left)</source>
        <translation>显示早一个记录快照的网络（Alt+Left）</translation>
    </message>
    <message>
        <source>Next snapshot</source>
        <translation>下一个快照</translation>
    </message>
    <message>
        <source>Show the network one recorded snapshot later (Alt+Right)</source>
        <translation>显示晚一个记录快照的网络（Alt+Right）</translation>
    </message>
    <message>
        <source>First snapshot</source>
        <translation>第一个快照</translation>
    </message>
    <message>
        <source>Show the run&apos;s initial weights (Alt+Home)</source>
        <translation>显示这次运行的初始权值（Alt+Home）</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>回到实时</translation>
    </message>
    <message>
        <source>Show the live network again (Alt+L)</source>
        <translation>重新显示实时网络（Alt+L）</translation>
    </message>
    <message>
        <source>Time&amp;line</source>
        <translation>时间线(&amp;L)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Export over the timeline (GIF, APNG, PNG frames)…</source>
        <translation>沿时间线导出（GIF、APNG、PNG 帧）…</translation>
    </message>
</context>
</TS>
