/**
 * Function words per language: the words every article of a language shares whatever its event.
 * Clustering untranslated articles on them chains unrelated stories of one language together, and
 * framing that lists them says nothing. Lists are for the languages the catalog carries most; every
 * other language still gets its common words weighted down by per-language document frequency
 * (stories/term-stats.ts). Lower-case, accents kept as written.
 */

/** English: the union of what stories and takes each used to keep apart. */
const EN = `a about above after again against all almost also although always am among amid an and another any
anyone are around as at be became because become been before behind being below beside between beyond both but
by can cannot could despite did do does doing done down during each either else even ever every few for from
further had has have having he her here hers herself him himself his how however i if in inside into is it its
itself just least less like made make many may me might more most much must my myself near neither no nor not
now of off often on once one only onto or other others otherwise our ours ourselves out outside over own per
perhaps put rather said same say says see seem seemed several shall she should since so some still such than
that the their theirs them themselves then there these they this those though through thus to too toward
towards under until up upon us very via was we well were what whatever when where whether which while whilst
who whom whose why will with within without would yet you your yours yourself yourselves told tell according
mr mrs ms dr s t two year years last first new news ago across along get got going go just also reuters ap afp
dpa photo image video read copyright reserved rights`;

const DE = `der die das den dem des ein eine einen einem einer eines und oder aber auch als am an auf aus bei bis
da damit dann dass daß denn doch durch für gegen hat haben hatte hatten ist sind war waren wird werden wurde
wurden sein seine seiner seinen seinem ihr ihre ihren ihrem ihrer ich du er sie es wir ihnen man mit nach nicht
noch nur ob ohne schon so über um unter vom von vor was weil wenn wie wo zu zum zur sich sehr mehr kann können
muss soll sollte diese dieser dieses diesen diesem jetzt hier dort immer bereits sagte sagt laut heute gestern
etwa rund zwei drei jahr jahre jahren prozent neue neuen neuer mal beim gibt geht wieder einem keine kein
zwischen seit während anzeige dpa afp`;

const FR = `le la les l un une des du de d et ou mais donc or ni car à au aux en dans par pour sur sous avec sans
chez entre vers contre ce cet cette ces c ça qui que qu quoi dont où il elle ils elles on je tu nous vous se s
son sa ses leur leurs mon ma mes ton ta tes notre nos votre vos lui y ne pas plus moins très aussi bien encore
déjà tout tous toute toutes est sont été être a ont avait avaient sera seront fait faire peut selon comme si
après avant depuis lors même autres autre deux trois ans année cette été était dit déclaré mais alors ainsi
afp`;

const ES = `el la los las lo un una unos unas y e o u pero sino ni de del al a en con por para sin sobre entre
hasta desde hacia contra según ante tras que quien quienes cual cuales cuyo donde cuando como se su sus le les
me te nos os mi mis tu tus este esta estos estas ese esa esos esas aquel es son fue fueron era eran ser sido
está están estaba ha han había habían hay muy más menos también ya no sí si todo todos toda todas otro otra
otros otras dos tres año años dijo aseguró además así porque pues mientras durante efe`;

const IT = `il lo la i gli le l un uno una un' e ed o ma né di del dello della dei degli delle d a al allo alla
ai agli alle da dal dallo dalla dai dagli dalle in nel nello nella nei negli nelle con col su sul sullo sulla
sui sugli sulle per tra fra che chi cui non si ci ne vi è sono era erano stato stata stati essere ha hanno
aveva avevano fa fatto suo sua suoi sue loro questo questa questi queste quello quella quelli quelle come anche
più meno molto già ancora dopo prima poi quando dove se perché però mentre tutto tutti tutta tutte altro altri
due tre anni anno ansa detto secondo oltre stesso`;

const PT = `o a os as um uma uns umas e ou mas nem de do da dos das em no na nos nas por pelo pela pelos pelas
para com sem sobre entre até desde contra que quem qual quais cujo onde quando como se seu sua seus suas lhe
lhes me te nos este esta estes estas esse essa esses essas aquele é são foi foram era eram ser sido está estão
estava tem têm tinha há muito mais menos também já não sim todo todos toda todas outro outra outros outras
dois três ano anos disse segundo ainda após`;

const NL = `de het een en of maar dat die dit deze van in op te aan met voor door bij uit over naar om tot als
dan ook nog niet wel geen er hij zij ze het wij we jullie zijn haar hun is zijn was waren wordt worden werd
werden heeft hebben had hadden kan kunnen moet zal zou al meer zo nu hier daar toen omdat want jaar jaren twee
drie volgens`;

const PL = `i w we z ze na do o od po za przez przy dla bez pod nad przed między a ale lub albo oraz czy że iż
to ten ta te tego tej tym tych ich jego jej jest są był była było były będzie będą nie tak też także już jeszcze
się jak co który która które którego których kiedy gdzie gdy jako tylko bardzo może można więc ani u roku lat
rok dwa trzy według powiedział mówi`;

const RU = `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее её мне
было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас
нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам
чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один
почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над
больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда
лучше чуть том нельзя такой им более всегда конечно всю между также это года году лет заявил сообщает`;

const TR = `ve ile bir bu da de için ama fakat ancak veya ya ki ne çok daha en gibi kadar olarak olan oldu olduğu
olduğunu değil var yok ise ya her şey şu o onun bunu buna bunun ben sen biz siz onlar tarafından sonra önce
göre karşı arasında yıl yılında iki üç dedi açıkladı ayrıca mı mi mu mü diye kendi tüm bütün hem`;

const AR = `في من على إلى الى عن مع هذا هذه ذلك تلك التي الذي الذين أن ان إن لا ما لم لن قد كان كانت كما
أو او ثم بعد قبل حتى عند بين كل هو هي هم نحن أنه انه وقال قال وفي وقد وأن ولا أي غير منذ خلال حيث عام يوم
التى`;

const ZH = `的 了 是 在 和 与 及 也 有 就 都 而 或 这 那 他 她 它 们 我 你 为 以 于 对 将 被 把 从 到 中 上 下 并 等 个 之 其 但 又
还 已 说 表示 日 月 年 称 据`;

const LISTS: Record<string, string> = {
  en: EN,
  de: DE,
  fr: FR,
  es: ES,
  it: IT,
  pt: PT,
  nl: NL,
  pl: PL,
  ru: RU,
  tr: TR,
  ar: AR,
  zh: ZH,
};

const SETS = new Map<string, ReadonlySet<string>>(
  Object.entries(LISTS).map(([language, list]) => [language, new Set(list.split(/\s+/).filter(Boolean))]),
);

const NONE: ReadonlySet<string> = new Set();

export const ENGLISH_STOP_WORDS: ReadonlySet<string> = SETS.get('en') ?? NONE;

/** Every listed language's function words together: for text whose language is not known. */
export const ALL_STOP_WORDS: ReadonlySet<string> = new Set([...SETS.values()].flatMap((s) => [...s]));

function primary(language: string): string {
  return language.toLowerCase().split('-')[0] ?? '';
}

/** The function words of a language (its primary subtag); an empty set for a language without a list. */
export function stopWords(language: string): ReadonlySet<string> {
  return SETS.get(primary(language)) ?? NONE;
}

/** Whether `word` (lower-case) is a function word of `language`, or of English, which every archive quotes. */
export function isStopWord(word: string, language: string): boolean {
  return ENGLISH_STOP_WORDS.has(word) || stopWords(language).has(word);
}

export function hasStopWordList(language: string): boolean {
  return SETS.has(primary(language));
}
