"""glibc's own messages in the languages it speaks, read back as the C locale prints them.

A dynamic loader's error ('libcudart.so.11.0: cannot open shared object file: No such file or
directory'), the shell's 'Illegal instruction' (strsignal) and ld.so's 'error while loading shared
libraries' come from glibc's message catalogue, so a machine with LANG=de_DE.UTF-8 or zh_CN.UTF-8
prints them in that language. The log signatures are written against the C locale's words; this
module puts those words back.

Source: the translations in glibc's po/*.po, https://sourceware.org/git/glibc.git (mirror
github.com/bminor/glibc) at 04e750e75b73957cf1c791535a3f4319534a52fc and at the tags glibc-2.17,
2.23, 2.27, 2.31 and 2.35 (older distributions print older wordings), fuzzy entries left out; and
the older zh_CN wording '无法打开共享对象文件' that Ubuntu's language packs print.
"""

from __future__ import annotations

import re

TRANSLATIONS: dict[str, tuple[str, ...]] = {
    "cannot open shared object file": (
        "deljene predmetne datoteke ni mogoče odpreti",
        "impossibile aprire il file oggetto condiviso",
        "impossibile de aperir un file de objecto condivise",
        "impossível abrir ficheiro-objecto partilhado",
        "jaettua objektitiedostoa ei voi avata",
        "kan gedeeld objectbestand niet openen",
        "kan ikke åbne delt objektfil",
        "kan inte öppna delad objektfil",
        "Kann die Shared-Object-Datei nicht öffnen",
        "không thể mở tập tin đối tượng dùng chung",
        "ne eblas malfermi komunan objektdosieron",
        "ne mogu otvoriti datoteku dijeljenog objekta",
        "Ne peut ouvrir le fichier d'objet partagé",
        "nem nyitható meg a megosztott objektumfájl",
        "nepavyko atverti bendrojo objekto failo",
        "nie je možné otvoriť súbor zdieľaného objektu",
        "nie można otworzyć pliku obiektu dzielonego",
        "nije moguće otvoriti datoteku zajedničkog objekta",
        "nije moguće otvoriti datoteku zajedničkoga objekta",
        "no se puede abrir el fichero del objeto compartido",
        "no s’ha pogut obrir el fitxer d’objecte compartit",
        "no s’ha pogut obrir el fitxer objecte compartit",
        "non se pode abrir un ficheiro de obxecto compartido",
        "nu se poate deschide fișierul obiect partajat",
        "não é possível abrir arquivo compartilhado",
        "paylaşımlı nesne dosyası açılamıyor",
        "sdílený objektový soubor nelze otevřít",
        "tidak dapat membuka berkas objek terbagi",
        "не вдалося відкрити файл об’єктів спільного використання",
        "не могу да отворим датотеку дељеног објекта",
        "не може да се отвори файлът със споделения обект",
        "не ўдалося адкрыць супольны аб'ектны файл",
        "невозможно открыть разделяемый объектный файл",
        "გაზიარებული ობიექტების ფაილის გახსნა შეუძლებელია",
        "共有オブジェクトファイルを開けません",
        "无法打开共享对象文件",
        "无法打开共享目标文件",
        "無法開啟共用物件",
        "無法開啟共用目的檔",
        "동적 오브젝트 파일을 열 수 없습니다",
    ),
    "error while loading shared libraries": (
        "błąd podczas wczytywania bibliotek dzielonych",
        "chyba během načítání sdílených knihoven",
        "chyba počas načítavania zdieľaných knižníc",
        "eraro dum ŝargo de komunaj bibliotekoj",
        "eroare la încărcarea bibliotecilor partajate",
        "erreur lors du chargement des librairies partagées",
        "erro ao carga-las bibliotecas compartidas",
        "erro ao carregar bibliotecas compartilhadas",
        "erro ao carregar bibliotecas partilhadas",
        "error al cargar las bibliotecas compartidas",
        "error durante le cargamento del bibliothecas condivise",
        "error en carregar les biblioteques dinàmiques",
        "error ketika melod perpustakaan terbagi",
        "errore durante il caricamento delle librerie condivise",
        "Fehler beim Laden der Shared Libraries",
        "fejl ved indlæsning af delte biblioteker",
        "fel när delade bibliotek laddades",
        "fout bij laden van gedeelde bibliotheken",
        "greška pri učitavanju dijeljenih biblioteka",
        "greška pri učitavanju zajedničkih biblioteka",
        "gặp lỗi khi nạp thư viện dùng chung",
        "hiba a megosztott programkönyvtárak betöltésekor",
        "klaida įkeliant bendrąsias bibliotekas",
        "napaka ob nalaganju deljene knjižnice",
        "paylaşımlı kitaplıklar yüklenirken hata oluştu",
        "virhe ladattaessa jaettuja kirjastoja",
        "σφάλμα κατά την ανάγνωση της εισόδου",
        "грешка при свързване на споделени библиотеки",
        "грешка приликом учитавања дељених библиотека",
        "ошибка при загрузке разделяемых библиотек",
        "памылка падчас загрузкі супольных бібліятэкаў",
        "помилка під час спроби завантажити бібліотеки спільного використання",
        "გაზიარებული ბიბლიოთეკების ჩატვირთვის შეცდომა",
        "共有ライブラリのロード中にエラーが発生しました",
        "装入共享库时出错",
        "載入共用函式庫時發生錯誤",
        "载入共享库时出错",
        "동적 라이브러리를 읽어들이는 데 오류가 발생했습니다",
        "동적 라이브러리를 읽어들이는데 오류가 발생했습니다",
    ),
    "No such file or directory": (
        "Adresár alebo súbor neexistuje",
        "Adresář nebo soubor neexistuje",
        "Arquivo ou diretório inexistente",
        "Arquivo ou diretório não encontrado",
        "Aucun fichier ou dossier de ce nom",
        "Aucun fichier ou dossier de ce type",
        "Bestand of map bestaat niet",
        "Böyle bir dosya ya da dizin yok",
        "Datei oder Verzeichnis nicht gefunden",
        "Datoteka ali imenik s tem imenom ne obstaja",
        "Dosiero aü dosierujo ne ekzistas",
        "Dosiero aŭ dosierujo ne ekzistas",
        "El fitxer o directori no existeix",
        "Ficheiro ou pasta inexistente",
        "File o directory non esistente",
        "Filen eller katalogen finns inte",
        "Ingen slik fil eller filkatalog",
        "Ingen sådan fil eller filkatalog",
        "Không có tập tin hoặc thư mục như vậy",
        "Necun tal file o directorio",
        "Nema takve datoteke ili direktorija",
        "Nie ma takiego pliku ani katalogu",
        "Nincs ilyen fájl vagy könyvtár",
        "No existe el fichero o el directorio",
        "Non hai tal ficheiro ou directorio",
        "Nu există un astfel de fișier sau director",
        "Tidak ada berkas atau direktori seperti itu",
        "Tiedostoa tai hakemistoa ei ole",
        "Toks failas ar aplankas neegzistuoja",
        "Δεν υπάρχει τέτοιο αρχείο ή κατάλογος",
        "Нема такве датотеке или директоријума",
        "Немає такого файла або каталогу",
        "Нет такого файла или каталога",
        "Няма такога файла ці каталога",
        "Няма такъв файл или директория",
        "файл ці тэчка ня йснуе",
        "ფაილი ან საქაღალდე არ არსებობს",
        "そのようなファイルやディレクトリはありません",
        "沒有此一檔案或目錄",
        "没有那个文件或目录",
        "그런 파일이나 디렉터리가 없습니다",
    ),
    "Illegal instruction": (
        "Błędna instrukcja",
        "Chỉ lệnh không hợp lệ",
        "Câu lệnh bị cấm",
        "Instrucción ilegal",
        "Instrucción non permitida",
        "Instruction non permise",
        "Instrucțiune ilegală",
        "Instruksi tidak legal",
        "Instrução ilegal",
        "Istruzione non consentita",
        "La instrucció no és permesa",
        "Miskomando",
        "Nedovolená instrukce (SIGILL)",
        "Nedovoljen ukaz",
        "Nedozvoljena instrukcija",
        "Nepropisna instrukcija",
        "Neprípustná inštrukcia",
        "Netaisyklinga instrukcija",
        "Ongeldige instructie",
        "Otillåten instruktion",
        "Ulovlig instruksjon (SIGILL)",
        "Ulovlig instruktion (SIGILL)",
        "Ungültiger Maschinenbefehl",
        "Virheellinen käsky",
        "Yönerge kuraldışı",
        "Érvénytelen utasítás",
        "Ακατάλληλη εντολή",
        "Недапушчальнае прадпісаньне",
        "Недопустимая инструкция",
        "Незаконна инструкция",
        "Неисправна инструкција",
        "Помилкова інструкція",
        "არასწორი ინსტრუქცია",
        "不合法的命令",
        "無效指令",
        "非法指令",
        "명령어가 잘못됨",
        "잘못된 명령어",
    ),
}

_IN_C_LOCALE = {translated: english for english, all in TRANSLATIONS.items() for translated in all}
_TRANSLATED = re.compile("|".join(map(re.escape, sorted(_IN_C_LOCALE, key=len, reverse=True))))
_LOADER_ERROR = re.compile(r"\.so(?:\.\d+)*: ")
"""Where a loader error names its library ('libcudart.so.10.0: '): fast to find, as it starts
with a literal."""
TAIL_CHARS = 100_000
"""How much of a log's end is read whole: where a shell reports the signal that killed Python.
Before it, only lines holding a loader error are translated (a long log is not read 160 times)."""


def _translated(text: str) -> str:
    return _TRANSLATED.sub(lambda m: _IN_C_LOCALE[m.group(0)], text)


def in_c_locale(text: str) -> str:
    """text with glibc's translated messages put back in the C locale's words."""
    if len(text) <= TAIL_CHARS:
        return _translated(text)
    head, tail = text[:-TAIL_CHARS], text[-TAIL_CHARS:]
    pieces: list[str] = []
    done = 0
    for match in _LOADER_ERROR.finditer(head):
        if match.start() < done:
            continue
        start = head.rfind("\n", 0, match.start()) + 1
        end = head.find("\n", match.end())
        end = len(head) if end < 0 else end
        pieces += [head[done:start], _translated(head[start:end])]
        done = end
    return "".join([*pieces, head[done:], _translated(tail)])
