/**
 * Sample texts per language, written for these tests (not taken from any corpus): a headline
 * and, for the main news languages, a paragraph of a made-up local news item.
 */
export interface LanguageSample {
  lang: string;
  headline: string;
  article?: string;
}

export const SAMPLES: LanguageSample[] = [
  {
    lang: 'en',
    headline: 'Parliament approves new budget after long debate',
    article:
      'The city council voted on Tuesday to expand the public library and extend its opening hours. Officials said the work would begin in spring and should be finished before the end of next year. Residents who spoke at the meeting welcomed the plan but asked for more parking.',
  },
  {
    lang: 'es',
    headline: 'El Congreso aprueba el nuevo presupuesto tras un largo debate',
    article:
      'El ayuntamiento votó el martes a favor de ampliar la biblioteca pública y alargar su horario. Según los responsables, las obras comenzarán en primavera y deberían terminar antes de que acabe el próximo año. Los vecinos que hablaron en la reunión celebraron el plan, aunque pidieron más aparcamiento.',
  },
  {
    lang: 'pt',
    headline: 'Governo anuncia novas regras para o transporte público',
    article:
      'A câmara municipal votou na terça-feira a ampliação da biblioteca pública e o alargamento do seu horário. Segundo os responsáveis, as obras vão começar na primavera e devem ficar concluídas antes do fim do próximo ano. Os moradores que falaram na reunião elogiaram o plano, mas pediram mais estacionamento.',
  },
  {
    lang: 'fr',
    headline: 'Le gouvernement annonce une réforme des retraites',
    article:
      "Le conseil municipal a voté mardi l'agrandissement de la bibliothèque publique et l'extension de ses horaires d'ouverture. Selon les responsables, les travaux commenceront au printemps et devraient être terminés avant la fin de l'année prochaine. Les habitants présents à la réunion ont salué le projet, tout en réclamant davantage de places de stationnement.",
  },
  {
    lang: 'de',
    headline: 'Regierung kündigt neue Regeln für den Nahverkehr an',
    article:
      'Der Stadtrat hat am Dienstag beschlossen, die öffentliche Bibliothek zu erweitern und ihre Öffnungszeiten zu verlängern. Nach Angaben der Verwaltung sollen die Arbeiten im Frühjahr beginnen und vor Ende des nächsten Jahres abgeschlossen sein. Anwohner begrüßten den Plan, forderten aber mehr Parkplätze.',
  },
  {
    lang: 'it',
    headline: 'Il governo annuncia nuove regole per i trasporti pubblici',
    article:
      "Il consiglio comunale ha votato martedì l'ampliamento della biblioteca pubblica e il prolungamento dei suoi orari di apertura. Secondo i responsabili, i lavori inizieranno in primavera e dovrebbero concludersi prima della fine del prossimo anno. I residenti intervenuti alla riunione hanno accolto con favore il progetto, ma hanno chiesto più parcheggi.",
  },
  {
    lang: 'nl',
    headline: 'Regering kondigt nieuwe regels aan voor het openbaar vervoer',
    article:
      'De gemeenteraad heeft dinsdag besloten de openbare bibliotheek uit te breiden en de openingstijden te verlengen. Volgens de gemeente beginnen de werkzaamheden in het voorjaar en moeten ze voor het einde van volgend jaar klaar zijn. Bewoners die op de vergadering spraken, waren blij met het plan, maar vroegen om meer parkeerplaatsen.',
  },
  {
    lang: 'pl',
    headline: 'Rząd zapowiada nowe przepisy dotyczące transportu publicznego',
    article:
      'Rada miasta zagłosowała we wtorek za rozbudową biblioteki publicznej i wydłużeniem godzin jej otwarcia. Według urzędników prace rozpoczną się wiosną i powinny zakończyć się przed końcem przyszłego roku. Mieszkańcy, którzy zabrali głos na spotkaniu, z zadowoleniem przyjęli plan, ale poprosili o więcej miejsc parkingowych.',
  },
  {
    lang: 'cs',
    headline: 'Vláda oznámila nová pravidla pro veřejnou dopravu',
    article:
      'Městské zastupitelstvo v úterý schválilo rozšíření veřejné knihovny a prodloužení její otevírací doby. Podle úředníků práce začnou na jaře a měly by skončit před koncem příštího roku. Obyvatelé, kteří na schůzi vystoupili, plán přivítali, ale žádali více parkovacích míst.',
  },
  {
    lang: 'sk',
    headline: 'Vláda oznámila nové pravidlá pre verejnú dopravu',
    article:
      'Mestské zastupiteľstvo v utorok schválilo rozšírenie verejnej knižnice a predĺženie jej otváracích hodín. Podľa úradníkov sa práce začnú na jar a mali by sa skončiť pred koncom budúceho roka. Obyvatelia, ktorí na stretnutí vystúpili, plán privítali, ale žiadali viac parkovacích miest.',
  },
  {
    lang: 'hu',
    headline: 'A kormány új szabályokat jelentett be a tömegközlekedésben',
    article:
      'A városi közgyűlés kedden megszavazta a közkönyvtár bővítését és nyitvatartási idejének meghosszabbítását. A tisztviselők szerint a munkálatok tavasszal kezdődnek, és a jövő év végéig befejeződnek. A lakosok üdvözölték a tervet, de több parkolóhelyet kértek.',
  },
  {
    lang: 'ro',
    headline: 'Guvernul anunță noi reguli pentru transportul public',
    article:
      'Consiliul local a votat marți extinderea bibliotecii publice și prelungirea programului de funcționare. Potrivit oficialilor, lucrările vor începe în primăvară și ar trebui să se încheie înainte de sfârșitul anului viitor. Locuitorii care au luat cuvântul la ședință au salutat planul, dar au cerut mai multe locuri de parcare.',
  },
  {
    lang: 'tr',
    headline: 'Hükümet toplu taşıma için yeni kurallar açıkladı',
    article:
      'Belediye meclisi salı günü halk kütüphanesinin genişletilmesini ve çalışma saatlerinin uzatılmasını oyladı. Yetkililere göre çalışmalar ilkbaharda başlayacak ve gelecek yılın sonundan önce tamamlanacak. Toplantıda söz alan mahalle sakinleri planı memnuniyetle karşıladı, ancak daha fazla otopark istedi.',
  },
  {
    lang: 'sv',
    headline: 'Regeringen presenterar nya regler för kollektivtrafiken',
    article:
      'Kommunfullmäktige röstade på tisdagen för att bygga ut stadsbiblioteket och förlänga dess öppettider. Enligt tjänstemännen ska arbetet börja i vår och vara klart före slutet av nästa år. Invånare som talade på mötet välkomnade planen men bad om fler parkeringsplatser.',
  },
  {
    lang: 'da',
    headline: 'Regeringen fremlægger nye regler for den offentlige transport',
    article:
      'Byrådet stemte tirsdag for at udvide folkebiblioteket og forlænge åbningstiderne. Ifølge embedsmændene begynder arbejdet til foråret og skal være færdigt inden udgangen af næste år. Borgere, der tog ordet på mødet, glædede sig over planen, men bad om flere parkeringspladser.',
  },
  {
    lang: 'nb',
    headline: 'Regjeringen legger fram nye regler for kollektivtrafikken',
    article:
      'Bystyret stemte tirsdag for å bygge ut folkebiblioteket og utvide åpningstidene. Ifølge kommunen skal arbeidet starte til våren og være ferdig før slutten av neste år. Innbyggere som tok ordet på møtet, var fornøyde med planen, men ba om flere parkeringsplasser.',
  },
  {
    lang: 'fi',
    headline: 'Hallitus esitteli uudet säännöt joukkoliikenteelle',
    article:
      'Kaupunginvaltuusto äänesti tiistaina kirjaston laajentamisesta ja aukioloaikojen pidentämisestä. Virkamiesten mukaan työt alkavat keväällä ja valmistuvat ennen ensi vuoden loppua. Kokouksessa puhuneet asukkaat pitivät suunnitelmaa hyvänä, mutta toivoivat lisää pysäköintipaikkoja.',
  },
  {
    lang: 'id',
    headline: 'Pemerintah umumkan aturan baru untuk transportasi umum karena kemacetan',
    article:
      'Dewan kota pada hari Selasa memutuskan untuk memperluas perpustakaan umum dan memperpanjang jam bukanya. Menurut pejabat pemerintah, pekerjaan akan dimulai pada musim hujan dan harus selesai sebelum akhir tahun depan. Warga yang berbicara dalam rapat tersebut menyambut baik rencana itu, tetapi meminta lebih banyak tempat parkir karena kendaraan bisa menumpuk.',
  },
  {
    lang: 'ms',
    headline: 'Kerajaan umumkan peraturan baharu kerana kesesakan lalu lintas',
    article:
      'Majlis bandaraya pada hari Selasa memutuskan untuk membesarkan perpustakaan awam dan memanjangkan waktu operasinya. Menurut kenyataan kerajaan negeri, kerja-kerja akan bermula pada awal tahun dan dijangka siap sebelum hujung tahun hadapan. Penduduk yang hadir dalam mesyuarat itu menyambut baik rancangan tersebut, tetapi meminta lebih banyak tempat letak kereta kerana wang parkir terlalu mahal.',
  },
  {
    lang: 'sw',
    headline: 'Serikali yatangaza sheria mpya kwa usafiri wa umma',
    article:
      'Baraza la jiji limepiga kura siku ya Jumanne kuhusu kupanua maktaba ya umma na kuongeza saa zake za kufunguliwa. Kwa mujibu wa maafisa, kazi hiyo itaanza mwezi ujao na inatarajiwa kukamilika kabla ya mwisho wa mwaka. Wakazi waliozungumza katika mkutano huo walikaribisha mpango huo, lakini waliomba nafasi zaidi za kuegesha magari.',
  },
  {
    lang: 'tl',
    headline: 'Nagpasa ang Senado ng bagong batas para sa mga magsasaka',
    article:
      'Bumoto ang konseho ng lungsod noong Martes upang palawakin ang pampublikong aklatan at pahabain ang oras nito. Ayon sa mga opisyal, sisimulan ang trabaho sa susunod na buwan at inaasahang matatapos bago matapos ang susunod na taon. Tinanggap ng mga residente ang plano, ngunit humiling sila ng mas maraming paradahan.',
  },
  {
    lang: 'vi',
    headline: 'Chính phủ công bố quy định mới về giao thông công cộng',
    article:
      'Hội đồng thành phố hôm thứ Ba đã bỏ phiếu mở rộng thư viện công cộng và kéo dài giờ mở cửa. Theo các quan chức, công việc sẽ bắt đầu vào mùa xuân và dự kiến hoàn thành trước cuối năm sau. Người dân phát biểu tại cuộc họp hoan nghênh kế hoạch nhưng đề nghị thêm chỗ đỗ xe.',
  },
  {
    lang: 'hr',
    headline: 'Vlada je predstavila nova pravila za javni prijevoz',
    article:
      'Gradsko vijeće u utorak je izglasalo proširenje gradske knjižnice i produljenje radnog vremena. Prema riječima dužnosnika, radovi će početi u proljeće i trebali bi završiti prije kraja iduće godine. Građani koji su govorili na sjednici pozdravili su plan, ali su tražili više parkirnih mjesta.',
  },
  {
    lang: 'sr-Latn',
    headline: 'Predsednik je rekao da je vreme za nove mere',
    article:
      'Gradsko veće je u utorak izglasalo proširenje gradske biblioteke i produženje radnog vremena. Prema rečima zvaničnika, radovi će početi na proleće i trebalo bi da budu završeni pre kraja sledeće godine. Građani koji su govorili na sednici pozdravili su plan, ali su tražili više parking mesta, a predsednik opštine je rekao da je vreme za promene.',
  },
  {
    lang: 'sr-Cyrl',
    headline: 'Влада је представила нова правила за јавни превоз',
    article:
      'Градско веће је у уторак изгласало проширење градске библиотеке и продужење радног времена. Према речима званичника, радови ће почети на пролеће и требало би да буду завршени пре краја следеће године. Грађани који су говорили на седници поздравили су план, али су тражили више паркинг места.',
  },
  {
    lang: 'mk',
    headline: 'Владата ќе воведе нови правила за јавниот превоз',
    article:
      'Градскиот совет во вторникот гласаше за проширување на јавната библиотека и продолжување на работното време. Според службениците, работите ќе започнат на пролет и треба да завршат пред крајот на следната година. Граѓаните што зборуваа на седницата го поздравија планот, но побараа повеќе паркинг места.',
  },
  {
    lang: 'ru',
    headline: 'Правительство объявило новые правила для общественного транспорта',
    article:
      'Городской совет во вторник проголосовал за расширение публичной библиотеки и продление часов её работы. По словам чиновников, работы начнутся весной и должны завершиться до конца следующего года. Жители, выступившие на собрании, одобрили план, но попросили больше парковочных мест.',
  },
  {
    lang: 'uk',
    headline: 'Уряд оголосив нові правила для громадського транспорту',
    article:
      'Міська рада у вівторок проголосувала за розширення публічної бібліотеки та подовження годин її роботи. За словами посадовців, роботи почнуться навесні й мають завершитися до кінця наступного року. Мешканці, які виступили на зборах, схвалили план, але попросили більше місць для паркування.',
  },
  {
    lang: 'be',
    headline: 'Урад абвясціў новыя правілы для грамадскага транспарту',
    article:
      'Гарадскі савет у аўторак прагаласаваў за пашырэнне публічнай бібліятэкі і падаўжэнне гадзін яе працы. Па словах чыноўнікаў, работы пачнуцца вясной і павінны скончыцца да канца наступнага года. Жыхары, якія выступілі на сходзе, ухвалілі план, але папрасілі больш месцаў для паркоўкі.',
  },
  {
    lang: 'bg',
    headline: 'Правителството обяви нови правила за обществения транспорт',
    article:
      'Общинският съвет гласува във вторник за разширяване на обществената библиотека и удължаване на работното ѝ време. Според служителите работата ще започне през пролетта и трябва да приключи преди края на следващата година. Жителите, които се изказаха на срещата, приветстваха плана, но поискаха повече места за паркиране.',
  },
  { lang: 'kk', headline: 'Үкімет қоғамдық көлікке арналған жаңа ережелерді жариялады' },
  {
    lang: 'ar',
    headline: 'الحكومة تعلن قواعد جديدة للنقل العام',
    article:
      'صوّت المجلس البلدي يوم الثلاثاء على توسيع المكتبة العامة وتمديد ساعات عملها. وقال المسؤولون إن الأعمال ستبدأ في الربيع ومن المتوقع أن تنتهي قبل نهاية العام المقبل. ورحب السكان الذين تحدثوا في الاجتماع بالخطة، لكنهم طالبوا بمزيد من أماكن وقوف السيارات.',
  },
  {
    lang: 'fa',
    headline: 'دولت قوانین تازه‌ای برای حمل و نقل عمومی اعلام کرد',
    article:
      'شورای شهر روز سه‌شنبه به گسترش کتابخانه عمومی و افزایش ساعات کار آن رأی داد. به گفته مسئولان، کار از بهار آغاز می‌شود و باید پیش از پایان سال آینده تمام شود. ساکنانی که در جلسه صحبت کردند از این طرح استقبال کردند، اما خواستار جای پارک بیشتر شدند.',
  },
  {
    lang: 'ur',
    headline: 'حکومت نے پبلک ٹرانسپورٹ کے لیے نئے قواعد کا اعلان کر دیا',
    article:
      'سٹی کونسل نے منگل کو پبلک لائبریری کی توسیع اور اس کے اوقات کار بڑھانے کے حق میں ووٹ دیا۔ حکام کے مطابق کام موسم بہار میں شروع ہوگا اور اگلے سال کے آخر سے پہلے مکمل ہو جانا چاہیے۔ اجلاس میں بات کرنے والے شہریوں نے منصوبے کا خیرمقدم کیا لیکن مزید پارکنگ کا مطالبہ کیا۔',
  },
  {
    lang: 'he',
    headline: 'הממשלה הודיעה על כללים חדשים לתחבורה הציבורית',
    article:
      'מועצת העיר הצביעה ביום שלישי בעד הרחבת הספרייה הציבורית והארכת שעות הפתיחה שלה. לדברי הפקידים, העבודות יתחילו באביב ואמורות להסתיים לפני סוף השנה הבאה. תושבים שדיברו בישיבה בירכו על התוכנית, אך ביקשו מקומות חניה נוספים.',
  },
  {
    lang: 'hi',
    headline: 'सरकार ने सार्वजनिक परिवहन के लिए नए नियमों की घोषणा की',
    article:
      'नगर परिषद ने मंगलवार को सार्वजनिक पुस्तकालय के विस्तार और उसके खुलने का समय बढ़ाने के पक्ष में मतदान किया। अधिकारियों के अनुसार काम वसंत में शुरू होगा और अगले साल के अंत से पहले पूरा हो जाना चाहिए। बैठक में बोलने वाले निवासियों ने योजना का स्वागत किया, लेकिन और पार्किंग की मांग की।',
  },
  {
    lang: 'mr',
    headline: 'सरकारने सार्वजनिक वाहतुकीसाठी नवे नियम जाहीर केले आहेत',
    article:
      'नगर परिषदेने मंगळवारी सार्वजनिक ग्रंथालयाचा विस्तार करण्याच्या बाजूने मतदान केले आणि त्याच्या वेळा वाढवण्याचा निर्णय घेतला. अधिकाऱ्यांच्या म्हणण्यानुसार काम वसंत ऋतूत सुरू होईल आणि पुढील वर्षाच्या अखेरीस पूर्ण होणे अपेक्षित आहे. बैठकीत बोललेल्या रहिवाशांनी योजनेचे स्वागत केले, परंतु अधिक पार्किंगची मागणी केली.',
  },
  { lang: 'ne', headline: 'सरकारले सार्वजनिक यातायातका लागि नयाँ नियम घोषणा गरेको छ' },
  { lang: 'el', headline: 'Η κυβέρνηση ανακοίνωσε νέους κανόνες για τις δημόσιες συγκοινωνίες' },
  { lang: 'ka', headline: 'მთავრობამ საზოგადოებრივი ტრანსპორტის ახალი წესები გამოაცხადა' },
  { lang: 'hy', headline: 'Կառավարությունը հայտարարեց հասարակական տրանսպորտի նոր կանոններ' },
  { lang: 'th', headline: 'รัฐบาลประกาศกฎใหม่สำหรับการขนส่งสาธารณะ' },
  { lang: 'bn', headline: 'সরকার গণপরিবহনের জন্য নতুন নিয়ম ঘোষণা করেছে' },
  { lang: 'ta', headline: 'அரசு பொது போக்குவரத்துக்கான புதிய விதிகளை அறிவித்தது' },
  {
    lang: 'ko',
    headline: '정부, 대중교통 새 규정 발표',
    article:
      '시의회는 화요일 공공 도서관을 확장하고 운영 시간을 늘리는 안건을 통과시켰다. 관계자들에 따르면 공사는 봄에 시작해 내년 말 이전에 끝날 예정이다. 회의에서 발언한 주민들은 계획을 환영했지만 주차 공간을 더 늘려 달라고 요구했다.',
  },
  {
    lang: 'ja',
    headline: '政府、公共交通の新たな規則を発表',
    article:
      '市議会は火曜日、公立図書館の拡張と開館時間の延長を可決した。担当者によると、工事は春に始まり、来年末までに完了する予定だという。会議で発言した住民は計画を歓迎したが、駐車場の増設を求めた。',
  },
  {
    lang: 'zh-Hans',
    headline: '政府宣布公共交通新规定',
    article:
      '市议会周二投票通过扩建公共图书馆并延长开放时间的方案。据官员介绍，工程将于春季开始，预计在明年年底前完工。在会上发言的居民对这一计划表示欢迎，但要求增加更多停车位。',
  },
  {
    lang: 'zh-Hant',
    headline: '政府宣布公共交通新規定',
    article:
      '市議會週二投票通過擴建公共圖書館並延長開放時間的方案。據官員介紹，工程將於春季開始，預計在明年年底前完工。在會上發言的居民對這一計畫表示歡迎，但要求增加更多停車位。',
  },
];
